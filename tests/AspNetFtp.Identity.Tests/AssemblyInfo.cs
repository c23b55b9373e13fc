// The suite starts PostgreSQL/MariaDB-backed hosts and Unix tools (curl, python3, pg_ctlcluster).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
