# AspNetFtp in a container (docs/deployment.md, "Docker"). Build: docker build -t aspnetftp .
# The server runs as PID 1 (exec-form ENTRYPOINT, no shell), as the image's non-root user, on 2121 inside.

# --- build: restore (a layer that changes only with the project files), then scripts/publish.sh -------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.props src/
COPY src/AspNetFtp.Protocol/AspNetFtp.Protocol.csproj src/AspNetFtp.Protocol/
COPY src/AspNetFtp.Identity/AspNetFtp.Identity.csproj src/AspNetFtp.Identity/
COPY src/AspNetFtp.Admin/AspNetFtp.Admin.csproj src/AspNetFtp.Admin/
COPY src/AspNetFtp.Webhooks/AspNetFtp.Webhooks.csproj src/AspNetFtp.Webhooks/
COPY src/AspNetFtp.Storage.S3/AspNetFtp.Storage.S3.csproj src/AspNetFtp.Storage.S3/
COPY src/AspNetFtp.Storage.Azure/AspNetFtp.Storage.Azure.csproj src/AspNetFtp.Storage.Azure/
COPY src/AspNetFtp.Host/AspNetFtp.Host.csproj src/AspNetFtp.Host/
RUN dotnet restore src/AspNetFtp.Host/AspNetFtp.Host.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY src/ src/
COPY scripts/publish.sh scripts/
RUN scripts/publish.sh --rid linux-x64 --r2r --no-restore --output /app

# --- runtime: the ASP.NET Core runtime image (the host serves the web admin too), framework-dependent publish --
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
USER root
RUN mkdir -p /var/lib/aspnetftp && chown "$APP_UID" /var/lib/aspnetftp && chmod 0700 /var/lib/aspnetftp
USER $APP_UID
ENV DOTNET_gcServer=0 \
    DOTNET_NOLOGO=1 \
    FtpServer__DataDirectory=/var/lib/aspnetftp \
    FtpServer__RootDirectory=/var/lib/aspnetftp/ftp \
    FtpServer__DataChannel__PassivePorts=30000-30009 \
    FtpServer__Timeouts__ShutdownGrace=00:00:30 \
    FtpServer__Defender__AllowList__0=127.0.0.1 \
    FtpServer__Defender__AllowList__1=::1
# The health check connects from loopback without logging in: allow-listed, or the defender would ban 127.0.0.1
# after 15 checks (Defender:ConnectionWithoutLoginWeight) and the container would turn unhealthy.
VOLUME /var/lib/aspnetftp
EXPOSE 2121 30000-30009
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["dotnet", "AspNetFtp.Host.dll", "healthcheck", "--ftp", "127.0.0.1:2121"]
ENTRYPOINT ["dotnet", "AspNetFtp.Host.dll"]
CMD ["ftpserver", "0.0.0.0:2121"]
