using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;
using Payments.Persistence.Tests.Support;
using Payments.ServiceDefaults.Failures;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Payments.Persistence.Tests.Audit;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_recording_the_audit_trail(DatabaseProvider provider)
{
    const string ChargeId = "ch_3PqAuditTrail01";
    const string PaymentIntentId = "pi_3PqAuditTrail01";
    const string EventId = "evt_1PqAuditTrail01";

    [Test]
    public async Task Should_record_a_write_with_its_flow_step_subject_and_cause_and_no_secret()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var conversation = Guid.NewGuid();
        await host.Trail.RecordAsync(Intake(conversation), CancellationToken.None);
        var p21 = new AnsweringHandler(_ => Json(HttpStatusCode.OK, """{"Results":{"Transactions":[{"DataElements":[{"Name":"TABPAGE_1.order","Rows":[{"Edits":[{"Name":"order_no","Value":"1001"}]}]}]}]}}"""));
        using var client = host.ClientOf(AuditSystems.P21, p21);

        using (AuditScope.Begin(new AuditContext { Step = "PostP21Order", ConversationId = conversation }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/transaction")
            {
                Content = new StringContent($$"""
                    {"Name":"SalesOrder","Transactions":[{"DataElements":[{"Name":"TABPAGE_1.order","Rows":[{"Edits":[
                      {"Name":"customer_id","Value":"10042"},{"Name":"po_no","Value":"{{ChargeId}}"},{"Name":"password","Value":"hunter2"}]}]}]}],
                     "card":{"number":"4242424242424242","cvc":"123"},"note":"paid with 4000 0566 5566 5556","api_key":"sk_test_abcdef123"}
                    """, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "p21-token-secret");
            using var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("1001"), "the client no longer reads the answer the handler read");
        }
        using (AuditScope.Begin(new AuditContext { Step = "PostP21Order", ConversationId = conversation }))
            await client.GetAsync("/api/sales/orders/1001");

        Assert.That(host.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), Is.Empty);
        var writes = await host.Query(db => db.Entries.Where(e => e.System == AuditSystems.P21).ToListAsync());
        Assert.That(writes, Has.Count.EqualTo(1), "a GET was recorded, or the write was not");
        var write = writes[0];
        Assert.Multiple(() =>
        {
            Assert.That(write.Action, Is.EqualTo("POST /api/v2/transaction"));
            Assert.That(write.Service, Is.EqualTo("p21-service"));
            Assert.That(write.Flow, Is.EqualTo("charge-to-order"));
            Assert.That(write.Step, Is.EqualTo("PostP21Order"));
            Assert.That(write.Subject, Is.EqualTo($"stripe-payment:{PaymentIntentId}"));
            Assert.That(write.CausedBy, Is.EqualTo(EventId));
            Assert.That(write.Outcome, Is.EqualTo(AuditOutcomes.Succeeded));
            Assert.That(write.StatusCode, Is.EqualTo(200));
            Assert.That(write.Result, Does.Contain("1001"));
            Assert.That(write.DurationMs, Is.Not.Null);
            Assert.That(write.Request, Does.Contain("10042").And.Contain(ChargeId), "the request's essentials are missing");
        });
        foreach (var secret in new[] { "hunter2", "4242424242424242", "4000 0566 5566 5556", "123\"", "sk_test_abcdef123", "p21-token-secret", "Bearer" })
            Assert.That(write.Request, Does.Not.Contain(secret), $"a secret ({secret}) reached the audit trail");
    }

    [Test]
    public async Task Should_tell_the_story_of_a_charge_from_its_intake_to_its_writes_oldest_first()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var conversation = Guid.NewGuid();
        await host.Trail.RecordAsync(Intake(conversation), CancellationToken.None);
        var order = new AnsweringHandler(_ => Json(HttpStatusCode.OK, """{"order_no":"1001"}"""));
        var stripe = new AnsweringHandler(_ => Json(HttpStatusCode.OK, $$$"""{"id":"{{{ChargeId}}}","object":"charge","metadata":{"p21_order_no":"1001"}}"""));
        using (AuditScope.Begin(new AuditContext { Step = "PostP21Order", ConversationId = conversation }))
            await host.ClientOf(AuditSystems.P21, order).PostAsync("/api/sales/orders", new StringContent($$"""{"po_no":"{{ChargeId}}"}""", Encoding.UTF8, "application/json"));
        using (AuditScope.Begin(new AuditContext { Step = "RecordP21OrderOnCharge", ConversationId = conversation }))
            await host.ClientOf(AuditSystems.Stripe, stripe).PostAsync($"/v1/charges/{ChargeId}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["metadata[p21_order_no]"] = "1001" }));
        // Another payment's conversation: not part of this story.
        var other = Guid.NewGuid();
        await host.Trail.RecordAsync(Intake(other) with { CausedBy = "evt_1OtherPayment001", Subject = "stripe-payment:pi_3OtherPayment001", References = "evt_1OtherPayment001 ch_3OtherPayment001" },
            CancellationToken.None);

        var story = await host.Trail.StoryAsync(ChargeId, CancellationToken.None);

        Assert.That(story.Select(e => e.System), Is.EqualTo(new[] { AuditSystems.Intake, AuditSystems.P21, AuditSystems.Stripe }));
        Assert.That(story.Select(e => e.At), Is.Ordered);
        Assert.That(story.Skip(1).Select(e => e.CausedBy), Is.All.EqualTo(EventId));
        Assert.That((await host.Trail.StoryAsync("1001", CancellationToken.None)).Select(e => e.System), Does.Contain(AuditSystems.Intake),
            "the P21 order number does not lead to the payment's story");
        Assert.That((await host.Trail.StoryAsync($"stripe-payment:{PaymentIntentId}", CancellationToken.None)), Has.Count.EqualTo(3));
        Assert.That(await host.Trail.StoryAsync("ch_3NeverSeen00001", CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Should_record_a_failed_write_with_the_systems_words()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var p21 = new AnsweringHandler(_ => Json(HttpStatusCode.BadRequest, """{"Messages":["Item WIDGET-9 does not exist"]}"""));

        await host.ClientOf(AuditSystems.P21, p21).PostAsync("/api/v2/transaction", new StringContent("""{"item_id":"WIDGET-9"}""", Encoding.UTF8, "application/json"));

        var entry = await host.Query(db => db.Entries.SingleAsync());
        Assert.That(entry.Outcome, Is.EqualTo(AuditOutcomes.Failed));
        Assert.That(entry.StatusCode, Is.EqualTo(400));
        Assert.That(entry.Result, Does.Contain("Item WIDGET-9 does not exist"));
    }

    [TestCase(typeof(BrokenCircuitException), "not sent, BrokenCircuitException: ")]
    [TestCase(typeof(RateLimiterRejectedException), "not sent, RateLimiterRejectedException: ")]
    [TestCase(typeof(TimeoutRejectedException), "TimeoutRejectedException: ")]
    public async Task Should_record_a_write_the_resilience_pipeline_refused_as_not_sent(Type refusal, string result)
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        // The pipeline sits between the audit handler and the system: what it throws reaches the handler as the system's would.
        var p21 = new AnsweringHandler(_ => throw (Exception)Activator.CreateInstance(refusal)!);

        Assert.That(async () => await host.ClientOf(AuditSystems.P21, p21).PostAsync("/api/v2/transaction", new StringContent("""{"item_id":"WIDGET-9"}""", Encoding.UTF8, "application/json")),
            Throws.InstanceOf(refusal));

        var entry = await host.Query(db => db.Entries.SingleAsync());
        Assert.That(entry.Outcome, Is.EqualTo(AuditOutcomes.Failed));
        Assert.That(entry.Result, Does.StartWith(result));
    }

    [Test]
    public async Task Should_complete_a_pending_write_without_reading_it_first_and_record_an_unknown_one_as_any_entry()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        var commands = new CommandLog();
        await using var host = await AuditHost.Start(database, commands: commands);
        var pending = new AuditEntry
        {
            At = DateTimeOffset.UtcNow, Service = "p21-service", System = AuditSystems.P21, Action = "POST /api/v2/transaction",
            Outcome = AuditOutcomes.Pending, References = ChargeId,
        };
        await host.Trail.RecordAsync(pending, CancellationToken.None);
        commands.Clear();

        await host.Trail.CompleteAsync(pending with { Outcome = AuditOutcomes.Succeeded, StatusCode = 200, Result = "1001", References = $"{ChargeId} 1001" }, CancellationToken.None);
        // Reads of this entry (the retention sweep of the host reads the entries too, by time).
        var readsOfEntries = commands.Commands
            .Where(c => c.Parameters.Any(p => string.Equals(p.Value?.ToString(), pending.Id.ToString(), StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Text.Replace("\"", ""))
            .Where(t => t.StartsWith("SELECT", StringComparison.Ordinal) && t.Contains("FROM audit_entries", StringComparison.Ordinal))
            .ToList();
        var unknown = pending with { Id = Guid.NewGuid(), Outcome = AuditOutcomes.Failed, Result = "never started" };
        await host.Trail.CompleteAsync(unknown, CancellationToken.None);
        await host.Trail.CompleteAsync(pending with { Outcome = AuditOutcomes.Failed }, CancellationToken.None);

        Assert.That(readsOfEntries, Is.Empty, "the completion read the entry before updating it");
        var entries = await host.Query(db => db.Entries.ToDictionaryAsync(e => e.Id));
        Assert.Multiple(() =>
        {
            Assert.That(entries[pending.Id].Outcome, Is.EqualTo(AuditOutcomes.Succeeded), "the pending write was not completed, or a later completion changed it");
            Assert.That(entries[pending.Id].Result, Is.EqualTo("1001"));
            Assert.That(entries[unknown.Id].Outcome, Is.EqualTo(AuditOutcomes.Failed), "an outcome with no pending entry was not recorded");
        });
        Assert.That(await host.Trail.StoryAsync("1001", CancellationToken.None), Has.Count.EqualTo(1), "the id the answer named is not a reference");
    }

    [Test]
    public async Task Should_complete_a_pending_write_with_the_references_it_adds_in_one_statement_on_postgres()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        var commands = new CommandLog();
        await using var host = await AuditHost.Start(database, commands: commands);
        var pending = new AuditEntry
        {
            At = DateTimeOffset.UtcNow, Service = "p21-service", System = AuditSystems.P21, Action = "POST /api/v2/transaction",
            Outcome = AuditOutcomes.Pending, References = $"{ChargeId} {PaymentIntentId}", CausedBy = EventId,
        };
        await host.Trail.RecordAsync(pending, CancellationToken.None);
        commands.Clear();

        var completed = pending with { Outcome = AuditOutcomes.Succeeded, StatusCode = 201, DurationMs = 42, Result = "1001", References = $"{ChargeId} 1001 cus_AuditTrail01" };
        await host.Trail.CompleteAsync(completed, CancellationToken.None);

        var ofEntry = commands.Commands
            .Count(c => c.Parameters.Any(p => string.Equals(p.Value?.ToString(), pending.Id.ToString(), StringComparison.OrdinalIgnoreCase)));
        var entry = await host.Query(db => db.Entries.SingleAsync(e => e.Id == pending.Id));
        var rows = await host.Query(db => db.References.Where(r => r.EntryId == pending.Id).Select(r => r.Reference).ToListAsync());
        string[] all = [ChargeId, PaymentIntentId, EventId, "1001", "cus_AuditTrail01"];
        Assert.Multiple(() =>
        {
            Assert.That((entry.Outcome, entry.StatusCode, entry.DurationMs, entry.Result), Is.EqualTo((AuditOutcomes.Succeeded, (int?)201, (long?)42, "1001")));
            Assert.That(entry.References.Split(' '), Is.EquivalentTo(all), "the text names each reference once, the old and the added");
            Assert.That(rows, Is.EquivalentTo(all), "a row per reference, none twice");
            if (provider == DatabaseProvider.Postgres)
                Assert.That(ofEntry, Is.EqualTo(1), "PostgreSQL completes the entry and adds its references in one statement");
        });
        Assert.That((await host.Trail.StoryAsync("cus_AuditTrail01", CancellationToken.None)).Single().Id, Is.EqualTo(pending.Id));
    }

    [Test]
    public async Task Should_cut_a_completed_entrys_references_text_at_the_column_length_and_keep_every_reference_as_a_row()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var many = Enumerable.Range(1, 25).Select(i => $"ref{i:00}_" + new string('x', 180)).ToList();
        var pending = new AuditEntry
        {
            At = DateTimeOffset.UtcNow, Service = "p21-service", System = AuditSystems.P21, Action = "POST /api/v2/transaction",
            Outcome = AuditOutcomes.Pending, References = string.Join(' ', many.Take(20)),
        };
        await host.Trail.RecordAsync(pending, CancellationToken.None);

        await host.Trail.CompleteAsync(pending with { Outcome = AuditOutcomes.Succeeded, References = string.Join(' ', many) }, CancellationToken.None);

        var entry = await host.Query(db => db.Entries.SingleAsync(e => e.Id == pending.Id));
        var rows = await host.Query(db => db.References.Where(r => r.EntryId == pending.Id).Select(r => r.Reference).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(entry.Outcome, Is.EqualTo(AuditOutcomes.Succeeded));
            Assert.That(entry.References, Has.Length.EqualTo(AuditEssentials.MaxLength).And.EndsWith("…"));
            Assert.That(rows, Is.EquivalentTo(many));
        });
    }

    [Test]
    public async Task Should_give_new_entries_ids_that_sort_in_the_order_they_were_made()
    {
        // Random ids put each new entry (and each of its reference rows' entry ids) on a random page of an index that holds a day of
        // entries; after a checkpoint every such page is written whole to the write-ahead log. Ids that grow with time go to one end.
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var made = new List<AuditEntry>();
        for (var i = 0; i < 8; i++)
        {
            made.Add(Intake(Guid.NewGuid()) with { CausedBy = $"evt_order{i}" });
            await Task.Delay(2); // a new millisecond: ids made within one are ordered only by chance
        }

        await host.Trail.RecordAllAsync([.. made.AsEnumerable().Reverse()], CancellationToken.None);

        var byId = await host.Query(db => db.Entries.OrderBy(e => e.Id).Select(e => e.CausedBy).ToListAsync());
        Assert.That(byId, Is.EqualTo(made.Select(e => e.CausedBy)));
    }

    [Test]
    public async Task Should_record_an_entry_once_however_often_it_is_recorded()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var intake = Intake(Guid.NewGuid());

        await host.Trail.RecordAsync(intake, CancellationToken.None);
        await host.Trail.RecordAsync(intake with { At = intake.At.AddSeconds(5) }, CancellationToken.None);

        Assert.That(await host.Query(db => db.Entries.CountAsync()), Is.EqualTo(1));
        Assert.That(await host.Query(db => db.Entries.Select(e => e.At).SingleAsync()), Is.EqualTo(intake.At).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task Should_give_a_write_recorded_before_its_intake_the_intakes_flow_subject_and_cause()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var conversation = Guid.NewGuid();
        var p21 = new AnsweringHandler(_ => Json(HttpStatusCode.OK, """{"order_no":"1001"}"""));
        // The gateway records its intakes after its commit: a fast flow's write can reach the trail first.
        using (AuditScope.Begin(new AuditContext { Step = "PostP21Order", ConversationId = conversation }))
            await host.ClientOf(AuditSystems.P21, p21).PostAsync("/api/sales/orders", new StringContent("""{"customer_id":"10042"}""", Encoding.UTF8, "application/json"));
        var early = await host.Query(db => db.Entries.SingleAsync(e => e.System == AuditSystems.P21));
        Assert.That((early.Flow, early.Subject, early.CausedBy), Is.EqualTo(((string?)null, (string?)null, (string?)null)), "the write found an intake that was not there");

        await host.Trail.RecordAllAsync([Intake(conversation)], CancellationToken.None);

        var write = await host.Query(db => db.Entries.SingleAsync(e => e.System == AuditSystems.P21));
        Assert.Multiple(() =>
        {
            Assert.That(write.Flow, Is.EqualTo("charge-to-order"));
            Assert.That(write.Subject, Is.EqualTo($"stripe-payment:{PaymentIntentId}"));
            Assert.That(write.CausedBy, Is.EqualTo(EventId));
            Assert.That(write.Step, Is.EqualTo("PostP21Order"), "the write's own step was replaced");
        });
        var byCause = await host.Trail.StoryAsync(EventId, CancellationToken.None);
        Assert.That(byCause.Select(e => e.System), Is.EqualTo(new[] { AuditSystems.Intake, AuditSystems.P21 }).Or.EqualTo(new[] { AuditSystems.P21, AuditSystems.Intake }));
        Assert.That(await host.Query(db => db.References.CountAsync(r => r.EntryId == write.Id && r.Reference == PaymentIntentId)), Is.EqualTo(1),
            "the subject's id was not added to the write's references");
    }

    [Test]
    public async Task Should_record_a_batch_of_intakes_once_each_beside_those_already_recorded()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var intakes = Enumerable.Range(1, 3)
            .Select(i => Intake(Guid.NewGuid()) with
            {
                Id = Guid.NewGuid(),
                CausedBy = $"evt_1BatchEvent0000{i}",
                Subject = $"stripe-payment:pi_3BatchIntent000{i}",
                References = $"evt_1BatchEvent0000{i} ch_3BatchCharge000{i}",
            })
            .ToList();
        await host.Trail.RecordAsync(intakes[1], CancellationToken.None);

        await host.Trail.RecordAllAsync(intakes, CancellationToken.None);
        await host.Trail.RecordAllAsync(intakes, CancellationToken.None);

        Assert.That(await host.Query(db => db.Entries.Select(e => e.CausedBy).OrderBy(c => c).ToListAsync()),
            Is.EqualTo(new[] { "evt_1BatchEvent00001", "evt_1BatchEvent00002", "evt_1BatchEvent00003" }));
        Assert.That((await host.Trail.StoryAsync("ch_3BatchCharge0003", CancellationToken.None)).Single().CausedBy, Is.EqualTo("evt_1BatchEvent00003"));
    }

    [Test]
    public async Task Should_keep_each_reference_of_a_batch_as_a_row_written_in_one_statement_on_postgres()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        var commands = new CommandLog();
        await using var host = await AuditHost.Start(database, commands: commands);
        var intakes = Enumerable.Range(1, 3)
            .Select(i => Intake(Guid.NewGuid()) with
            {
                Id = Guid.NewGuid(),
                CausedBy = $"evt_1RowsEvent00000{i}",
                Subject = $"stripe-payment:pi_3RowsIntent0000{i}",
                References = $"evt_1RowsEvent00000{i} ch_3RowsCharge0000{i} cus_RowsCustomer{i} re_3RowsRefund0000{i}",
            })
            .ToList();

        await host.Trail.RecordAllAsync(intakes, CancellationToken.None);

        var rows = await host.Query(db => db.References.Select(r => new { r.EntryId, r.Reference }).ToListAsync());
        foreach (var intake in intakes)
        {
            var n = intake.CausedBy![^1];
            Assert.That(rows.Where(r => r.EntryId == intake.Id).Select(r => r.Reference),
                Is.EquivalentTo(new[] { $"evt_1RowsEvent00000{n}", $"ch_3RowsCharge0000{n}", $"cus_RowsCustomer{n}", $"re_3RowsRefund0000{n}", $"stripe-payment:pi_3RowsIntent0000{n}", $"pi_3RowsIntent0000{n}" }),
                "an entry's references are not its rows");
            Assert.That((await host.Trail.StoryAsync($"re_3RowsRefund0000{n}", CancellationToken.None)).Single().Id, Is.EqualTo(intake.Id));
        }
        var inserts = commands.Commands.Sum(c => CountOf(c.Text.Replace("\"", ""), "INSERT INTO audit_references"));
        Assert.That(inserts, Is.EqualTo(provider == DatabaseProvider.Postgres ? 1 : rows.Count),
            "PostgreSQL inserts a batch's references with one statement; the other providers with a row each in the same SaveChanges");
    }

    [Test]
    public async Task Should_report_a_reference_recorded_first_by_another_transaction_as_a_unique_violation_logged_at_debug()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database);
        var intake = Intake(Guid.NewGuid()) with { Id = Guid.NewGuid() };
        await host.Trail.RecordAsync(intake, CancellationToken.None);

        // What a second filler of the same write meets (EfAuditTrail's callers catch DbUpdateException for it).
        var failure = await host.Query(async db =>
        {
            try
            {
                await AuditReferenceRows.SaveWithAsync(db, [new AuditReference { EntryId = intake.Id, Reference = ChargeId }], CancellationToken.None);
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        });

        Assert.That(failure, Is.InstanceOf<DbUpdateException>(), "the callers' catch does not see it");
        Assert.That(Payments.Persistence.Concurrency.ConcurrencyConflicts.IsUniqueViolation(failure!), Is.True);
        Assert.That(host.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), Is.Empty, "an expected duplicate was logged as an error");
    }

    static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.OrdinalIgnoreCase))
            count++;
        return count;
    }

    [Test]
    public async Task Should_remove_entries_older_than_the_retention()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using var host = await AuditHost.Start(database, new Dictionary<string, string?>
        {
            ["Audit:Retention"] = "2.00:00:00",
            ["Database:Cleanup:Interval"] = "00:00:00.100",
            ["Database:Cleanup:BatchSize"] = "2",
        });
        for (var i = 0; i < 5; i++)
            await host.Trail.RecordAsync(Intake(Guid.NewGuid()) with { Id = Guid.NewGuid(), At = DateTimeOffset.UtcNow.AddDays(-3).AddMinutes(i), CausedBy = $"evt_1OldEvent00000{i}" },
                CancellationToken.None);
        var kept = Intake(Guid.NewGuid()) with { At = DateTimeOffset.UtcNow.AddDays(-1) };
        await host.Trail.RecordAsync(kept, CancellationToken.None);

        Assert.That(await Eventually.True(async () => await host.Query(db => db.Entries.CountAsync()) == 1), "entries older than Audit:Retention were not removed");
        Assert.That(await host.Query(db => db.Entries.Select(e => e.Id).SingleAsync()), Is.EqualTo(kept.Id));
        Assert.That(await host.Query(db => db.References.AnyAsync(r => r.EntryId != kept.Id)), Is.False, "an old entry's references were left behind");
    }

    [Test]
    public async Task Should_send_no_write_while_the_audit_database_is_unavailable()
    {
        await using var database = await TestDatabase.Create(provider, "payments_audit_test");
        await using (await AuditHost.Start(database))
        {
        }
        // The same trail on a database that cannot be reached.
        var unreachable = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "audit.db")}"
            : "Host=127.0.0.1;Port=1;Database=audit;Username=payments;Password=payments;Timeout=2";
        var services = new ServiceCollection();
        services.AddSingleton<IAuditTrail, EfAuditTrail>();
        services.AddPaymentsDbContext<AuditDbContext>(provider, unreachable);
        await using var provided = services.BuildServiceProvider();
        var p21 = new AnsweringHandler(_ => Json(HttpStatusCode.OK, """{"order_no":"1001"}"""));
        using var client = AuditHost.ClientOf(provided.GetRequiredService<IAuditTrail>(), AuditSystems.P21, p21);

        var error = Assert.ThrowsAsync<TransientFailureException>(() =>
            client.PostAsync("/api/v2/transaction", new StringContent("{}", Encoding.UTF8, "application/json")));

        Assert.That(error!.Message, Does.Contain("audit trail is unavailable"));
        Assert.That(p21.Received, Is.Empty, "a write went out without its audit entry");
    }

    static AuditEntry Intake(Guid conversation) => new()
    {
        At = DateTimeOffset.UtcNow.AddSeconds(-1),
        Service = "gateway",
        System = AuditSystems.Intake,
        Action = "webhook charge.succeeded",
        Flow = "charge-to-order",
        Step = "StripeChargeSucceeded",
        Subject = $"stripe-payment:{PaymentIntentId}",
        CausedBy = EventId,
        ConversationId = conversation,
        Outcome = AuditOutcomes.Succeeded,
        References = $"{EventId} {ChargeId} {PaymentIntentId}",
    };

    static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
