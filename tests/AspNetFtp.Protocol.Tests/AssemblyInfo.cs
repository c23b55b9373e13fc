// The suite runs on Linux and macOS: it checks Unix modes and symbolic links, and uses 127.0.0.2 as a foreign host.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
