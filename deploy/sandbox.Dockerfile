# Payments.Sandbox: every service in one process on the in-memory bus, with SQLite and the simulators, kept running (--serve).
# Its gateway listens on the container's loopback only (127.0.0.1:5080); use it with `docker exec`, or run the services instead.
# Build from the repository root: docker build -f deploy/sandbox.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/Payments.Sandbox/Payments.Sandbox.csproj -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# SQLite files go to /data, the one directory the unprivileged "app" user may write.
RUN mkdir /data && chown "$APP_UID" /data
USER $APP_UID
ENV DOTNET_NOLOGO=1
VOLUME /data
# The image has no curl: bash's /dev/tcp asks the sandbox gateway's /alive and wants a 200.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5080 && printf 'GET /alive HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Payments.Sandbox.dll", "--serve", "--data", "/data"]
