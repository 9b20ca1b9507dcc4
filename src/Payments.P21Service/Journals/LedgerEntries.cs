using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Domain.Money;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.ServiceDefaults.Failures;
using Polly.Timeout;
using Refit;

namespace Payments.P21Service.Journals;

/// <summary>
/// The general-ledger part every journal of the money-back flows shares (refund reversals, dispute withdrawals and reinstatements): an entry
/// carries a reference in <see cref="JournalOptions.ReferenceField"/> and a readable text in the other column, is looked up by that
/// reference before it is posted (at most once), is dated in the ERP's zone and its period, and P21's <c>BusinessException</c> is a
/// permanent failure in P21's words (docs/external-apis/p21.md#gl-journal).
/// </summary>
public sealed class LedgerEntries(IP21Api api, IOptions<JournalOptions> options, IOptions<P21Options> p21, TimeProvider time, ILogger<LedgerEntries> logger)
{
    /// <summary>P21 keeps <c>gl.source</c> and <c>gl.description</c> as varchar(255) (docs/external-apis/p21.md#gl-journal).</summary>
    public const int MaxTextLength = 255;

    /// <summary>A permanent failure naming <paramref name="what"/> when <paramref name="currency"/> is not the one P21's ledger is kept in.</summary>
    public void EnsureLedgerCurrency(string currency, string what)
    {
        var ledger = options.Value.LedgerCurrency;
        if (!string.Equals(currency, ledger, StringComparison.OrdinalIgnoreCase))
            throw new PermanentFailureException(
                $"{what} is in {currency.ToUpperInvariant()}, but P21's ledger is kept in {ledger.ToUpperInvariant()} ({JournalOptions.Section}:LedgerCurrency) "
                + "and no exchange rate is known here: book it by hand.");
    }

    /// <summary>The amount in the ledger's currency, or a permanent failure naming <paramref name="what"/> when it is kept in another.</summary>
    public decimal Amount(long amountMinor, string currency, string what)
    {
        EnsureLedgerCurrency(currency, what);
        try
        {
            return MinorUnits.ToDecimal(amountMinor, currency);
        }
        catch (ArgumentException e)
        {
            throw new PermanentFailureException($"{what}: {amountMinor} {currency} minor units: {e.Message}", null, e);
        }
    }

    /// <summary>The transaction number of the entry carrying <paramref name="reference"/>; null when there is none.</summary>
    public async Task<string?> FindAsync(string reference, CancellationToken cancellationToken) =>
        First(reference, await QueryAsync($"{Field} eq {P21Formats.ODataString(reference)}", cancellationToken));

    /// <summary>The first entry whose reference starts with <paramref name="prefix"/> (e.g. a Znode order's, whatever PaymentIntent paid it).</summary>
    public async Task<string?> FindStartingWithAsync(string prefix, CancellationToken cancellationToken) =>
        First(prefix + "…", await QueryAsync($"startswith({Field},{P21Formats.ODataString(prefix)})", cancellationToken));

    /// <summary>The lines of entry <paramref name="transactionNumber"/> (account and signed amount); empty when there is no such entry.</summary>
    public async Task<IReadOnlyList<GlJournalLine>> LinesAsync(string transactionNumber, CancellationToken cancellationToken)
    {
        if (!decimal.TryParse(transactionNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new PermanentFailureException($"'{transactionNumber}' is not a P21 journal transaction number.");
        var rows = await QueryAsync($"transaction_number eq {number.ToString("0", CultureInfo.InvariantCulture)}", cancellationToken);
        return rows.Where(r => r.AccountNumber is not null).Select(r => new GlJournalLine(r.AccountNumber!, r.Amount)).ToList();
    }

    /// <summary>
    /// Posts the balanced <paramref name="lines"/> as one entry, unless one with <paramref name="reference"/> exists; returns its number and whether it did.
    /// Every line carries the reference in <see cref="JournalOptions.ReferenceField"/> and <paramref name="text"/> in the other column, followed by
    /// the line's own <see cref="GlJournalLine.Description"/> when it has one (a payout's "Stripe fee stripe_fee"), cut to P21's 255 characters.
    /// </summary>
    public async Task<(string TransactionNumber, bool AlreadyExisted)> PostAsync(
        IReadOnlyList<GlJournalLine> lines, string reference, string text, DateTimeOffset at, string what, CancellationToken cancellationToken)
    {
        if (!GlJournal.IsBalanced(lines) || lines.Count < 2)
            throw new PermanentFailureException($"{Capitalised(what)} does not balance; not posting it.");
        if (await FindAsync(reference, cancellationToken) is { } existing)
        {
            logger.LogInformation("{What} is already P21 journal entry {TransactionNumber}; not posting again", Capitalised(what), existing);
            return (existing, true);
        }

        var settings = options.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(p21.Value.ErpTimeZone);
        var period = GlPeriod.For(P21Formats.ErpDate(at, zone), settings.FiscalYearStartMonth);
        var entry = lines.Select(line => new GlEntryLine
        {
            CompanyNo = p21.Value.CompanyId, AccountNumber = line.AccountNumber, Period = period.Period, YearForPeriod = period.YearForPeriod,
            JournalId = settings.JournalId, Amount = line.Amount, ForeignAmount = line.Amount, TransactionDate = P21Formats.RestDateTime(at, zone),
            Source = settings.ReferenceField == "description" ? LineText(text, line) : reference,
            Description = settings.ReferenceField == "description" ? reference : LineText(text, line),
        }).ToList();

        List<GlEntryLine> reply;
        try
        {
            reply = await P21Failures.CallAsync(what, () => api.PostGlEntryAsync(entry, cancellationToken), time, cancellationToken);
        }
        catch (TransientFailureException e) when (e.InnerException is ApiException { StatusCode: System.Net.HttpStatusCode.InternalServerError } refused
                                                   && BusinessRefusal(refused.Content) is { } words)
        {
            throw new PermanentFailureException($"P21 refused {what}: {words}", "P21", e);
        }
        catch (TransientFailureException e) when (e.InnerException is TimeoutRejectedException or TimeoutException or OperationCanceledException)
        {
            // P21 may still be posting the entry: the retry looks it up by reference only after as long again.
            var wait = p21.Value.RequestTimeout;
            throw new TransientFailureException($"{e.Message} P21 may still be posting it; the retry looks it up by reference after {wait.TotalSeconds:0} s.",
                e.RetryAfter > wait ? e.RetryAfter : wait, e);
        }
        var number = reply.Select(l => l.TransactionNumber).FirstOrDefault(n => n is not null)?.ToString("0", CultureInfo.InvariantCulture)
            ?? await FindAsync(reference, cancellationToken)
            ?? throw new TransientFailureException($"P21 returned no transaction number for {what}; the retry looks it up by reference.");
        return (number, false);
    }

    string Field => options.Value.ReferenceField;

    static string LineText(string text, GlJournalLine line)
    {
        var full = string.IsNullOrWhiteSpace(line.Description) ? text : $"{text}: {line.Description.Trim()}";
        return full.Length <= MaxTextLength ? full : full[..MaxTextLength];
    }

    async Task<List<GlRow>> QueryAsync(string filter, CancellationToken cancellationToken) =>
        (await P21Failures.CallAsync("the journal entry look-up by reference",
            () => api.QueryGlAsync(filter, $"transaction_number,account_number,amount,{Field}", 50, cancellationToken), time, cancellationToken)).Value;

    string? First(string reference, List<GlRow> rows)
    {
        var numbers = rows.Where(r => r.TransactionNumber is not null).Select(r => r.TransactionNumber!.Value).Distinct().Order().ToList();
        if (numbers.Count > 1)
            logger.LogError("Journal reference {Reference} is on several P21 entries ({TransactionNumbers}); using the first", reference, string.Join(", ", numbers));
        return numbers.Count == 0 ? null : numbers[0].ToString("0", CultureInfo.InvariantCulture);
    }

    static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

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
