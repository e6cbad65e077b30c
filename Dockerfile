# One image for the server, the workers and the simulator (the compose file picks the command).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/SloQuality.Server -c Release -o /app/server \
 && dotnet publish src/SloQuality.Cli -c Release -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app /app
COPY jobs /app/jobs
COPY golden-datasets /app/golden-datasets
ENV SLOQ_CONFIG=/app/jobs \
    SLOQ_DATASETS=/app/golden-datasets \
    SLOQ_OUT=/data/out \
    SLOQ_STORE=/data/results.db
VOLUME /data
ENTRYPOINT ["dotnet", "/app/server/SloQuality.Server.dll"]
