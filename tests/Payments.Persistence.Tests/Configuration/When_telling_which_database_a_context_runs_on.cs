using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;

namespace Payments.Persistence.Tests.Configuration;

/// <summary>
/// The provider is kept per EF provider type, not per context type: one process (the tests, the CLI) runs the same context on
/// several databases, and each must still be told its own.
/// </summary>
[TestFixture]
public class When_telling_which_database_a_context_runs_on
{
    sealed class AnyContext(DbContextOptions<AnyContext> options) : DbContext(options);

    static AnyContext On(Func<DbContextOptionsBuilder<AnyContext>, DbContextOptionsBuilder<AnyContext>> provider) =>
        new(provider(new DbContextOptionsBuilder<AnyContext>()).Options);

    [Test]
    public void Should_tell_each_context_its_own_provider_when_one_process_uses_all_three()
    {
        for (var round = 0; round < 2; round++)
        {
            using var sqlite = On(b => b.UseSqlite("Data Source=:memory:"));
            using var postgres = On(b => b.UseNpgsql("Host=localhost;Database=none"));
            using var sqlServer = On(b => b.UseSqlServer("Server=localhost;Database=none"));

            Assert.Multiple(() =>
            {
                Assert.That(sqlite.Database.GetDatabaseProvider(), Is.EqualTo(DatabaseProvider.Sqlite));
                Assert.That(postgres.Database.GetDatabaseProvider(), Is.EqualTo(DatabaseProvider.Postgres));
                Assert.That(sqlServer.Database.GetDatabaseProvider(), Is.EqualTo(DatabaseProvider.SqlServer));
            });
        }
    }
}
