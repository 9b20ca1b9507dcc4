using Microsoft.Data.Sqlite;

namespace Payments.Testing;

/// <summary>Throwaway SQLite database files.</summary>
public static class SqliteFiles
{
    /// <summary>A new file path in the temp folder (not created: the first connection creates it).</summary>
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>Deletes the database file with its WAL and shared-memory files, after closing pooled connections that hold them.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(file);
    }
}
