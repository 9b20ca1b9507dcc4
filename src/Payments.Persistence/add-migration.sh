#!/usr/bin/env bash
# Adds a migration for one DbContext on every provider, each into its own folder Migrations/<Provider>, which
# ProviderMigrationsAssembly selects at run time. dotnet ef (10.x: dotnet tool install -g dotnet-ef --version 10.0.14)
# overwrites the first <Context>ModelSnapshot.cs it finds anywhere in the project, so the other providers'
# snapshots are set aside while one provider is generated.
# Usage: src/Payments.Persistence/add-migration.sh <project dir> <DbContext class> <MigrationName> [providers...]
# EF_OPTIONS adds options to each dotnet ef call, e.g. EF_OPTIONS="--configuration Release --no-build" to generate all
# providers from one build (the model and each provider's snapshot are read from the built assembly).
# The project needs a design-time factory (a PaymentsDesignTimeDbContextFactory<TContext> subclass) and a
# PrivateAssets reference to Microsoft.EntityFrameworkCore.Design.
set -euo pipefail

project=$1 context=$2 name=$3
shift 3
providers=("$@")
[ ${#providers[@]} -eq 0 ] && providers=(Sqlite Postgres SqlServer)

cd "$project"
for provider in "${providers[@]}"; do
    hidden=()
    for other in Sqlite Postgres SqlServer; do
        snapshot="Migrations/$other/${context}ModelSnapshot.cs"
        if [ "$other" != "$provider" ] && [ -f "$snapshot" ]; then
            mv "$snapshot" "$snapshot.aside"
            hidden+=("$snapshot")
        fi
    done
    restore() { for file in "${hidden[@]}"; do mv "$file.aside" "$file"; done; }
    trap restore EXIT
    # shellcheck disable=SC2086 # EF_OPTIONS is a list of options
    dotnet ef migrations add "$name" --context "$context" --output-dir "Migrations/$provider" ${EF_OPTIONS:-} -- --provider "$provider"
    restore
    trap - EXIT
done
