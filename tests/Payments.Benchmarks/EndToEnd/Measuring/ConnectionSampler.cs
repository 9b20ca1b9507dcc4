using Npgsql;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Measuring;

/// <summary>
/// The services' PostgreSQL sessions per database (<c>pg_stat_activity</c>), sampled once a second while a phase runs: the peak per
/// database, to size the server's <c>max_connections</c> and each service's pool. The audit database's figure is every service's.
/// Nothing on SQLite.
/// </summary>
public sealed class ConnectionSampler : IAsyncDisposable
{
    readonly Dictionary<string, int> _peaks = [];
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    public ConnectionSampler(ServiceDatabases databases, string prefix)
    {
        var (server, names) = databases.Postgres;
        _loop = server is null || names.Count == 0 ? Task.CompletedTask : Task.Run(async () =>
        {
            // Its own session is on the server's default database, so it is not counted.
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await SampleAsync(connection, names, prefix);
                }
                catch (NpgsqlException)
                {
                    return; // the server went away (the run fails elsewhere): the peaks so far stand
                }
                try { await Task.Delay(1000, _stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
    }

    async Task SampleAsync(NpgsqlConnection connection, IReadOnlyList<string> names, string prefix)
    {
        await using (var command = new NpgsqlCommand("SELECT datname, count(*)::int FROM pg_stat_activity WHERE datname = ANY($1) GROUP BY datname", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = names.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0)[(prefix.Length + 1)..];
                lock (_peaks)
                    _peaks[name] = Math.Max(_peaks.GetValueOrDefault(name), reader.GetInt32(1));
            }
        }
    }

    /// <summary>Per database (the connection string's name, lower case): the most sessions seen at once.</summary>
    public Dictionary<string, int> Peaks()
    {
        lock (_peaks)
            return new Dictionary<string, int>(_peaks);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
