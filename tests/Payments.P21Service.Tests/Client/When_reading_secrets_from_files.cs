using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.P21Service.Client;
using Payments.Persistence.Configuration;
using Payments.ServiceDefaults;

namespace Payments.P21Service.Tests.Client;

/// <summary>
/// Key-per-file secrets (<c>Secrets:Directory</c>, a file per setting, as Docker and Kubernetes mount them) in a service built as its
/// Program.cs does (AddServiceDefaults, AddP21Service): read into the options, a database password joined to its connection string,
/// and never in what a failed start logs or throws.
/// </summary>
[TestFixture]
public class When_reading_secrets_from_files
{
    const string Password = "p21-Secret;'from a file\"";
    const string DatabasePassword = "db-S3cret;with 'quotes'";
    string _directory = null!;

    [SetUp]
    public void CreateSecrets()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"payments-secrets-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "P21__Password"), Password + "\n");
        File.WriteAllText(Path.Combine(_directory, "Database__Passwords__P21Service"), DatabasePassword);
    }

    [TearDown]
    public void DeleteSecrets() => Directory.Delete(_directory, recursive: true);

    Dictionary<string, string?> Settings() => PayoutAccountRules.AddTo(new()
    {
        ["Secrets:Directory"] = _directory,
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:P21Service"] = $"Data Source={Path.Combine(Path.GetTempPath(), "payments-p21-secrets-never-created.db")}",
        ["P21:BaseUrl"] = "https://p21.example.com",
        ["P21:Username"] = "api_user",
        ["P21:Password"] = "from-the-environment",
        ["P21:CompanyId"] = "ACME",
        ["P21:SalesOrders:SalesLocationId"] = "10",
        ["P21:SalesOrders:SourceLocationId"] = "10",
        ["P21:Customers:SalesrepId"] = "1100",
        ["P21:Customers:DefaultBranch"] = "10",
        ["P21:Journals:DebitAccount"] = "11120010",
        ["P21:Journals:CreditAccount"] = "21500000",
        ["P21:Journals:JournalId"] = "CR",
        ["P21:Disputes:DisputedFundsAccount"] = "12950000",
        ["P21:Disputes:FeeAccount"] = "68100000",
    });

    static HostApplicationBuilder Builder(Dictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.AddServiceDefaults();
        builder.AddP21Service();
        return builder;
    }

    [Test]
    public void Should_take_a_setting_from_its_file_over_the_environment()
    {
        using var host = Builder(Settings()).Build();

        Assert.That(host.Services.GetRequiredService<IOptions<P21Options>>().Value.Password, Is.EqualTo(Password), "one trailing newline dropped, the rest kept");
    }

    [Test]
    public void Should_join_a_database_password_file_to_its_connection_string()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Secrets:Directory"] = _directory,
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:P21Service"] = "Server=sqlserver;Database=PaymentsP21;User Id=payments_p21;TrustServerCertificate=True",
        });
        Payments.ServiceDefaults.Configuration.SecretFiles.AddSecretFiles(configuration);
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()!;

        var connectionString = options.GetConnectionString(configuration, "P21Service");

        var parsed = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
        Assert.That(parsed.Password, Is.EqualTo(DatabasePassword));
        Assert.That(parsed.UserID, Is.EqualTo("payments_p21"));
        Assert.That(parsed.InitialCatalog, Is.EqualTo("PaymentsP21"));
    }

    [Test]
    public void Should_not_write_a_secret_into_what_a_refused_start_logs_or_throws()
    {
        var settings = Settings();
        settings["P21:BaseUrl"] = "p21.example.com";
        settings.Remove("P21:Username");
        var logs = new EveryLine();
        using var host = Builder(settings, logs).Build();

        var refused = Assert.CatchAsync(() => host.StartAsync())!;

        var everything = string.Join("\n", logs.Lines.Append(refused.ToString()));
        Assert.That(everything, Does.Contain("P21:BaseUrl"), "the start was refused for the configuration");
        Assert.That(everything, Does.Not.Contain(Password).And.Not.Contain("p21-Secret"));
    }

    [Test]
    public void Should_refuse_a_named_secrets_directory_that_is_not_there()
    {
        var settings = Settings();
        settings["Secrets:Directory"] = Path.Combine(_directory, "absent");

        var refused = Assert.Throws<InvalidOperationException>(() => Builder(settings))!;

        Assert.That(refused.Message, Does.Contain("Secrets:Directory").And.Contain("absent"));
    }

    /// <summary>Every line logged, of any category and level, with its exception.</summary>
    sealed class EveryLine : ILoggerProvider
    {
        readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return _lines.ToList(); }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        sealed class Logger(EveryLine provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider._lines) provider._lines.Add($"{formatter(state, exception)} {exception}");
            }
        }
    }
}
