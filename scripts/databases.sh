#!/usr/bin/env bash
# Starts PostgreSQL and MariaDB on loopback without systemd, for the tests (scripts/test.sh) and the
# benchmarks (bench/identity-logins.sh). Source it, then call start_postgres and/or start_mariadb.
# Each creates the role/user 'aspnetftp' (password 'aspnetftp') that may create databases aspnetftp_*,
# and exports ASPNETFTP_TEST_POSTGRES + ASPNETFTP_TEST_PG_CTL, or ASPNETFTP_TEST_MYSQL. Idempotent.
type log >/dev/null 2>&1 || log() { printf '==> %s\n' "$*" >&2; }

db_user=aspnetftp
db_password=aspnetftp

wait_until() { # seconds command...: true once the command succeeds, polling every 0.5 s
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.5
    done
}

start_postgres() {
    command -v pg_lsclusters >/dev/null 2>&1 || { log "PostgreSQL is not installed"; return 1; }
    local version cluster=main
    version=$(pg_lsclusters -h 2>/dev/null | awk '$2 == "main" { print $1; exit }')
    if [ -z "$version" ]; then
        version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
        [ -n "$version" ] || { log "no PostgreSQL server binaries under /usr/lib/postgresql"; return 1; }
        log "creating PostgreSQL cluster $version/$cluster"
        pg_createcluster "$version" "$cluster" >/dev/null || return 1
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }' | grep -q online; then
        log "starting PostgreSQL $version/$cluster"
        pg_ctlcluster "$version" "$cluster" start || return 1
    fi
    wait_until 60 pg_isready -q -h 127.0.0.1 -p 5432 || { log "PostgreSQL did not answer on 127.0.0.1:5432"; return 1; }
    su postgres -c "psql -v ON_ERROR_STOP=1 -q -d postgres" >/dev/null <<SQL || return 1
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db_user') THEN
        CREATE ROLE $db_user LOGIN CREATEDB PASSWORD '$db_password';
    END IF;
END
\$\$;
ALTER ROLE $db_user WITH LOGIN CREATEDB PASSWORD '$db_password';
-- DROP DATABASE ... WITH (FORCE) of a test database ends every session in it, an autovacuum worker's
-- included, which needs this role (else: "must be a member of the role whose process is being terminated").
GRANT pg_signal_backend TO $db_user;
SQL
    PGPASSWORD=$db_password psql -h 127.0.0.1 -U "$db_user" -d postgres -tAc 'SELECT 1' >/dev/null \
        || { log "cannot log in to PostgreSQL as $db_user over TCP"; return 1; }
    export ASPNETFTP_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=$db_user;Password=$db_password;Database=postgres"
    export ASPNETFTP_TEST_PG_CTL="pg_ctlcluster $version $cluster"
}

start_mariadb() {
    command -v mariadbd >/dev/null 2>&1 || command -v mysqld_safe >/dev/null 2>&1 || { log "MariaDB is not installed"; return 1; }
    if ! mariadb-admin --protocol=socket -uroot ping >/dev/null 2>&1; then
        mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
        if [ ! -d /var/lib/mysql/mysql ]; then
            log "initializing the MariaDB data directory"
            mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null || return 1
        fi
        log "starting MariaDB"
        setsid nohup mysqld_safe --user=mysql --bind-address=127.0.0.1 --port=3306 \
            >/var/log/aspnetftp-mariadb.log 2>&1 </dev/null &
    fi
    wait_until 60 mariadb-admin --protocol=socket -uroot ping || { log "MariaDB did not answer (see /var/log/aspnetftp-mariadb.log)"; return 1; }
    mariadb --protocol=socket -uroot >/dev/null <<SQL || return 1
CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$db_password';
CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
CREATE USER IF NOT EXISTS '$db_user'@'%' IDENTIFIED BY '$db_password';
ALTER USER '$db_user'@'localhost' IDENTIFIED BY '$db_password';
ALTER USER '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
ALTER USER '$db_user'@'%' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON \`aspnetftp\\_%\`.* TO '$db_user'@'localhost';
GRANT ALL PRIVILEGES ON \`aspnetftp\\_%\`.* TO '$db_user'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`aspnetftp\\_%\`.* TO '$db_user'@'%';
FLUSH PRIVILEGES;
SQL
    wait_until 30 mariadb -h 127.0.0.1 -P 3306 -u "$db_user" "-p$db_password" -e 'SELECT 1' \
        || { log "cannot log in to MariaDB as $db_user over TCP"; return 1; }
    export ASPNETFTP_TEST_MYSQL="Server=127.0.0.1;Port=3306;User ID=$db_user;Password=$db_password"
}
