# Payments.Simulators. Build from the repository root: docker build -f deploy/simulators.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/Payments.Simulators/Payments.Simulators.csproj -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged "app" user.
USER $APP_UID
ENV DOTNET_NOLOGO=1 Simulators__P21__Host=0.0.0.0 Simulators__P21__Port=8021
EXPOSE 8021
# The simulators are plain listeners without /alive: healthy when the P21 simulator accepts connections on its port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${Simulators__P21__Port:-8021}"]
ENTRYPOINT ["dotnet", "Payments.Simulators.dll"]
