# Payments.P21Service. Build from the repository root: docker build -f deploy/p21-service.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/Payments.P21Service/Payments.P21Service.csproj -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged "app" user.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 DOTNET_NOLOGO=1
EXPOSE 8080
# The image has no curl: bash's /dev/tcp asks /alive (the process answers) and wants a 200.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /alive HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Payments.P21Service.dll"]
