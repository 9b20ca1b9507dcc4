using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.Cli.Tests.CustomerSync;

/// <summary>
/// <c>payments customers show|link</c> on the sagas' database as the sagas configure it (table <c>CustomerState</c> as pinned), the link
/// on the real RabbitMQ.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_operator_reads_and_links_customers(DatabaseProvider provider)
{
    const string Record = """
        {"Applied":[
          {"Field":"Name","Value":"Harbor Supply Co.","Source":"Stripe","At":"2026-11-28T09:30:00+00:00","Version":null,"Reference":"evt_1Name"},
          {"Field":"Email","Value":"ap@harborsupply.example","Source":"Znode","At":"2026-11-29T10:00:00+00:00","Version":null,"Reference":null},
          {"Field":"CreditTerms","Value":"NET30","Source":"P21","At":"2026-11-29T11:00:00+00:00","Version":null,"Reference":null}],
         "Seen":[{"System":"P21","Field":"Name","Value":"HARBOR SUPPLY","At":"2026-11-29T11:00:00+00:00","Version":null,"Reference":null}]}
        """;

    TestDatabase _sagas = null!;
    Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _sagas = await TestDatabase.Create(provider, "payments_cli_customers");
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Sagas"] = _sagas.ConnectionString,
        };
        await using var sagas = Open();
        await SagaTables.CreateCustomerStateAsync(sagas, provider);
        await SagaTables.AddCustomerAsync(sagas, "cus_Harbor", 100234, 77, record: Record, linkedBy: "person:Dana",
            decisions: """[{"Field":"Email","Kind":"Applied","From":"old@harborsupply.example","To":"ap@harborsupply.example","Reason":"newer in Znode"}]""");
        await SagaTables.AddCustomerAsync(sagas, "cus_Gone", 100500, null, state: "Unlinked", unlinkedAt: new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc));
    }

    [TearDown]
    public async Task DropDatabase() => await _sagas.DisposeAsync();

    [TestCase("cus_Harbor")]
    [TestCase("p21:100234")]
    [TestCase("znode:77")]
    public async Task Should_show_the_link_record_and_each_fields_source_by_any_of_the_three_ids(string customer)
    {
        var show = await CliRun.Run(_settings, "customers", "show", customer);

        var lines = show.Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Done), show.Error);
            Assert.That(show.Output, Does.StartWith("Stripe customer cus_Harbor: Active"));
            Assert.That(lines.Single(l => l.Contains("P21 customer")), Does.Contain("100234"));
            Assert.That(lines.Single(l => l.Contains("Znode user")), Does.Contain("77"));
            Assert.That(lines.Single(l => l.Contains("Linked by")), Does.Contain("person:Dana"));
            Assert.That(lines.Single(l => l.Contains("Harbor Supply Co.")), Does.Contain("Stripe").And.Contain("evt_1Name"));
            Assert.That(lines.Single(l => l.Contains("ap@harborsupply.example") && l.Contains("Email") && !l.Contains("Applied")), Does.Contain("Znode"));
            Assert.That(lines.Single(l => l.Contains("NET30")), Does.Contain("P21").And.Contain("CreditTerms"));
            Assert.That(lines.Single(l => l.Contains("newer in Znode")), Does.Contain("Applied").And.Contain("old@harborsupply.example"));
        });
    }

    [Test]
    public async Task Should_show_an_unlinked_customer_with_its_ids_kept_for_history()
    {
        var show = await CliRun.Run(_settings, "customers", "show", "p21:100500");

        Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Done), show.Error);
        Assert.That(show.Output, Does.StartWith("Stripe customer cus_Gone: Unlinked").And.Contain("2026-11-29 08:00:00 UTC (the Stripe customer was deleted"));
    }

    [TestCase("cus_Never", "payments: no link record of cus_Never in the customer-sync flow")]
    [TestCase("znode:9", "payments: no link record of znode:9 in the customer-sync flow")]
    public async Task Should_fail_with_one_line_for_a_customer_no_record_names(string customer, string error)
    {
        var show = await CliRun.Run(_settings, "customers", "show", customer);

        Assert.Multiple(() =>
        {
            Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(show.Error, Does.StartWith(error));
            Assert.That(show.Output, Is.Empty);
        });
    }

    [TestCase("p21:abc")]
    [TestCase("12345")]
    public async Task Should_refuse_what_is_not_a_customer_id(string customer)
    {
        var show = await CliRun.Run(_settings, "customers", "show", customer);

        Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(show.Error, Does.Contain(customer));
    }

    [Test]
    public async Task Should_refuse_a_link_that_names_no_system_or_no_person()
    {
        var noSystem = await CliRun.Run(_settings, "customers", "link", "cus_Harbor", "--by", "Dana");
        var noPerson = await CliRun.Run(_settings, "customers", "link", "cus_Harbor", "--p21", "100234");

        Assert.Multiple(() =>
        {
            Assert.That(noSystem.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(noSystem.Error, Does.Contain("--p21 and/or --znode"));
            Assert.That(noPerson.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(noPerson.Error, Does.Contain("--by"));
        });
    }

    [Test]
    public async Task Should_publish_a_link_a_person_accepted_to_the_messages_exchange()
    {
        var rabbit = RabbitOrIgnore();
        var connection = await rabbit.CreateConnectionAsync();
        await using var _ = connection;
        await using var channel = await connection.CreateChannelAsync();
        // The exchange MassTransit publishes LinkCustomer to, as it declares it (fanout, durable); the sagas' queue is bound the same way.
        const string exchange = "Payments.CustomerSync:LinkCustomer";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");
        var customer = $"cus_Link{Guid.NewGuid():N}";
        _settings["Bus:RabbitMq:Host"] = rabbit.HostName;
        _settings["Bus:RabbitMq:Port"] = rabbit.Port.ToString();
        _settings["Bus:RabbitMq:VirtualHost"] = rabbit.VirtualHost;
        _settings["Bus:RabbitMq:Username"] = rabbit.UserName;
        _settings["Bus:RabbitMq:Password"] = rabbit.Password;

        var link = await CliRun.Run(_settings, "customers", "link", customer, "--p21", "100234", "--znode", "77", "--by", "Dana Ruiz",
            "--reason", "suggested 0.955: same e-mail");

        Assert.That(link.ExitCode, Is.EqualTo(ExitCodes.Done), link.Error);
        Assert.That(link.Output, Does.Contain($"Asked the customer-sync flow to link Stripe customer {customer} to P21 customer 100234 and Znode user 77 (accepted by Dana Ruiz: suggested 0.955: same e-mail)"));
        JsonElement? message = null;
        for (var i = 0; i < 20 && message is null; i++)
        {
            var delivered = await channel.BasicGetAsync(queue, autoAck: true);
            if (delivered is null) break;
            using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivered.Body.Span));
            var m = envelope.RootElement.GetProperty("message");
            if (m.GetProperty("stripeCustomerId").GetString() == customer)
            {
                Assert.That(envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()),
                    Does.Contain("urn:message:Payments.CustomerSync:LinkCustomer"));
                message = m.Clone();
            }
        }
        Assert.That(message, Is.Not.Null, "the message is on the queue bound to its exchange once the command has returned");
        Assert.Multiple(() =>
        {
            Assert.That(message!.Value.GetProperty("correlationId").GetGuid(), Is.EqualTo(CorrelationKey.StripeCustomer(customer).ToGuid()));
            Assert.That(message.Value.GetProperty("p21CustomerId").GetInt64(), Is.EqualTo(100234));
            Assert.That(message.Value.GetProperty("znodeUserId").GetInt32(), Is.EqualTo(77));
            Assert.That(message.Value.GetProperty("acceptedBy").GetString(), Is.EqualTo("Dana Ruiz"));
            Assert.That(message.Value.GetProperty("reason").GetString(), Is.EqualTo("suggested 0.955: same e-mail"));
        });
    }

    /// <summary>The real RabbitMQ the environment names (PAYMENTS_TEST_RABBITMQ_*), its default virtual host; ignored without it.</summary>
    static ConnectionFactory RabbitOrIgnore()
    {
        var host = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_HOST");
        if (string.IsNullOrWhiteSpace(host))
            Assert.Ignore("PAYMENTS_TEST_RABBITMQ_HOST is not set: this test needs a real RabbitMQ (scripts/services.sh start).");
        return new ConnectionFactory
        {
            HostName = host!,
            Port = int.Parse(Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_PORT") ?? "5672"),
            UserName = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_USER") ?? "guest",
            Password = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_PASS") ?? "guest",
            VirtualHost = "/",
        };
    }

    DbContext Open() =>
        new SharedInboxOutboxDbContext((DbContextOptions<SharedInboxOutboxDbContext>)new DbContextOptionsBuilder<SharedInboxOutboxDbContext>()
            .UsePaymentsProvider(provider, _sagas.ConnectionString).Options);
}
