using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Money;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.ServiceDefaults.Failures;
using Polly.Timeout;
using Refit;

namespace Payments.P21Service.Journals;

/// <summary>
/// Posts a paid Znode order's balanced journal entry in P21's general ledger (<c>POST /api/accounting/gl/</c>): the amount debited to
/// <see cref="JournalOptions.DebitAccount"/> and credited to <see cref="JournalOptions.CreditAccount"/>, dated the payment's day in the
/// ERP's zone, in the period of that day. At most once: the entry carries a reference derived from the order and its PaymentIntent
/// (<see cref="JournalReference"/>), looked up in OData's <c>gl</c> table before anything is posted. P21 answers a business refusal
/// with HTTP 500 and a <c>BusinessException</c> ("Records do not balance"): that is a permanent failure in P21's words, not a retry.
/// </summary>
public sealed class JournalPoster(IP21Api api, IOptions<JournalOptions> options, IOptions<P21Options> p21, TimeProvider time, ILogger<JournalPoster> logger)
{
    static readonly ActivitySource Activity = new(Payments.ServiceDefaults.HostDefaults.TelemetryName);

    public async Task<ZnodeOrderJournalPosted> PostAsync(PostZnodeOrderJournal command, CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("P21 post journal entry");
        activity?.SetTag("znode.order_number", command.OrderNumber);
        var settings = options.Value;
        var lines = Plan(command, settings); // bad input fails here, before P21 is touched
        var reference = JournalReference.ForZnodeOrder(command.OrderNumber, command.PaymentIntentId);

        if (await FindAsync(reference, cancellationToken) is { } existing)
        {
            logger.LogInformation("Znode order {OrderNumber} already has P21 journal entry {TransactionNumber}; not posting again", command.OrderNumber, existing);
            return Posted(command, existing, alreadyExisted: true);
        }

        List<GlEntryLine> reply;
        try
        {
            reply = await P21Failures.CallAsync($"the journal entry of Znode order {command.OrderNumber}",
                () => api.PostGlEntryAsync(lines.Select(l => WithReference(l, reference, command, settings)).ToList(), cancellationToken), time, cancellationToken);
        }
        catch (TransientFailureException e) when (e.InnerException is ApiException { StatusCode: System.Net.HttpStatusCode.InternalServerError } refused
                                                   && BusinessRefusal(refused.Content) is { } words)
        {
            // A 500 with P21's BusinessException is P21 saying no, whatever the status says: retrying posts the same refused entry.
            throw new PermanentFailureException($"P21 refused the journal entry of Znode order {command.OrderNumber}: {words}", "P21", e);
        }
        catch (TransientFailureException e) when (e.InnerException is TimeoutRejectedException or TimeoutException or OperationCanceledException)
        {
            // P21 may still be posting the entry we stopped waiting for: the retry looks it up by reference only after as long again.
            var wait = p21.Value.RequestTimeout;
            throw new TransientFailureException(
                $"{e.Message} P21 may still be posting it; the retry looks it up by reference after {wait.TotalSeconds:0} s.", e.RetryAfter > wait ? e.RetryAfter : wait, e);
        }

        var number = reply.Select(l => l.TransactionNumber).FirstOrDefault(n => n is not null)?.ToString("0", CultureInfo.InvariantCulture)
            ?? await FindAsync(reference, cancellationToken)
            ?? throw new TransientFailureException($"P21 returned no transaction number for the journal entry of Znode order {command.OrderNumber}; the retry looks it up by reference.");
        logger.LogInformation("Posted P21 journal entry {TransactionNumber} for Znode order {OrderNumber}: {Amount} {Currency} from {CreditAccount} to {DebitAccount}",
            number, command.OrderNumber, lines[0].Amount, command.Currency, settings.CreditAccount, settings.DebitAccount);
        activity?.SetTag("p21.gl_transaction_number", number);
        return Posted(command, number, alreadyExisted: false);
    }

    static ZnodeOrderJournalPosted Posted(PostZnodeOrderJournal command, string transactionNumber, bool alreadyExisted) => new()
    {
        CorrelationId = command.CorrelationId, OrderNumber = command.OrderNumber, JournalReference = transactionNumber, AlreadyExisted = alreadyExisted,
    };

    /// <summary>The entry's lines; refuses what P21's ledger cannot take with a reason for a person.</summary>
    List<GlEntryLine> Plan(PostZnodeOrderJournal command, JournalOptions settings)
    {
        if (!string.Equals(command.Currency, settings.LedgerCurrency, StringComparison.OrdinalIgnoreCase))
            throw new PermanentFailureException(
                $"Znode order {command.OrderNumber} was paid in {command.Currency.ToUpperInvariant()}, but P21's ledger is kept in {settings.LedgerCurrency.ToUpperInvariant()} " +
                $"({JournalOptions.Section}:LedgerCurrency) and no exchange rate is known here: book it by hand.");
        IReadOnlyList<GlJournalLine> receipt;
        try
        {
            receipt = GlJournal.Receipt(settings.DebitAccount, settings.CreditAccount, MinorUnits.ToDecimal(command.AmountMinor, command.Currency));
        }
        catch (ArgumentException e)
        {
            throw new PermanentFailureException($"Znode order {command.OrderNumber}: no journal entry for {command.AmountMinor} {command.Currency} minor units: {e.Message}", null, e);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(p21.Value.ErpTimeZone);
        var period = GlPeriod.For(P21Formats.ErpDate(command.PaidAt, zone), settings.FiscalYearStartMonth);
        return receipt.Select(line => new GlEntryLine
        {
            CompanyNo = p21.Value.CompanyId,
            AccountNumber = line.AccountNumber,
            Period = period.Period,
            YearForPeriod = period.YearForPeriod,
            JournalId = settings.JournalId,
            Amount = line.Amount,
            ForeignAmount = line.Amount,
            TransactionDate = P21Formats.RestDateTime(command.PaidAt, zone),
        }).ToList();
    }

    /// <summary>The reference in the configured column, a readable text in the other.</summary>
    static GlEntryLine WithReference(GlEntryLine line, string reference, PostZnodeOrderJournal command, JournalOptions settings)
    {
        var text = $"Znode order {command.OrderNumber} paid by Stripe {command.ChargeId ?? command.PaymentIntentId}";
        return settings.ReferenceField == "description"
            ? line with { Description = reference, Source = text }
            : line with { Source = reference, Description = text };
    }

    async Task<string?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var field = options.Value.ReferenceField;
        var rows = await P21Failures.CallAsync("the journal entry look-up by reference",
            () => api.QueryGlAsync($"{field} eq {P21Formats.ODataString(reference)}", $"transaction_number,account_number,amount,{field}", 10, cancellationToken),
            time, cancellationToken);
        var numbers = rows.Value.Where(r => r.TransactionNumber is not null).Select(r => r.TransactionNumber!.Value).Distinct().Order().ToList();
        if (numbers.Count > 1)
            logger.LogError("Journal reference {Reference} is on several P21 entries ({TransactionNumbers}); using the first", reference, string.Join(", ", numbers));
        return numbers.Count == 0 ? null : numbers[0].ToString("0", CultureInfo.InvariantCulture);
    }

    /// <summary>P21's own words when a REST answer is its <c>BusinessException</c> envelope; else null.</summary>
    static string? BusinessRefusal(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        try
        {
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                   && root.TryGetProperty("ErrorType", out var type) && type.GetString()?.EndsWith("BusinessException", StringComparison.Ordinal) == true
                   && root.TryGetProperty("ErrorMessage", out var message) && message.GetString() is { Length: > 0 } words
                ? words
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
