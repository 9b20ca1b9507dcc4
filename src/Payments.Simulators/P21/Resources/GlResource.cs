using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Auth;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Resources;

/// <summary>
/// P21's general-ledger REST family (docs/external-apis/p21.md#gl-journal): <c>POST /api/accounting/gl/</c> posts a JSON array of
/// lines as one entry under a generated transaction number, <c>GET /api/accounting/gl/{transactionNumber}</c> reads it back (an
/// unknown number answers <c>200 []</c>, not 404). Lines that do not sum to zero answer P21's 500 "Records do not balance"
/// (<c>BusinessException</c>); an account outside the chart of accounts, another company, a closed period and a malformed line answer
/// the same envelope in our wording, since P21's own is not public. An entry has as many lines as it needs (a payout's gross, fee and bank
/// lines), all under one transaction number. As on every REST list route, the no-slash form answers 307.
/// </summary>
sealed class GlResource(P21Ledger ledger, P21SimulatorOptions options, TimeProvider time) : ISimulatorResource
{
    public const string Path = "/api/accounting/gl";
    const string BusinessException = "P21.Business.Common.BusinessException";

    static readonly JsonSerializerOptions Json = new()
    {
        // ASP.NET Web API binds JSON.NET's way: property names without regard to case.
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Post(nameof(P21Route.Gl), Path + "/", PostAsync).WithMetadata(P21BearerToken.Required);
        routes.Get(nameof(P21Route.Gl), Path + "/{transactionNumber:long}", GetAsync).WithMetadata(P21BearerToken.Required);
    }

    /// <summary>
    /// As on P21's other REST list routes: the no-slash form answers 307 to the slash form whatever the token, before the API sees it
    /// (ASP.NET routing would take both forms as one route), and .NET drops Authorization when it follows the redirect.
    /// </summary>
    public static async Task RedirectNoSlashForm(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.Value == Path)
        {
            http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            http.Response.Headers.Location = Path + "/" + http.Request.QueryString;
            return;
        }
        await next(http);
    }

    async Task PostAsync(HttpContext http)
    {
        List<GlLine>? lines;
        try
        {
            lines = await JsonSerializer.DeserializeAsync<List<GlLine>>(http.Request.Body, Json, http.RequestAborted);
        }
        catch (JsonException e)
        {
            // Our wording: P21's answer to a body that is not an array of lines is not public.
            await Error(http, 400, $"The request is invalid: {e.Message}", "System.Web.Http.HttpResponseException");
            return;
        }
        if (lines is not { Count: > 0 })
        {
            await Error(http, 500, "No records to post.", BusinessException); // our wording
            return;
        }

        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line.AccountNumber) || !ledger.HasAccount(line.AccountNumber))
            {
                await Error(http, 500, $"Account number '{line.AccountNumber}' is not valid.", BusinessException); // our wording
                return;
            }
            if (!string.Equals(line.CompanyNo, options.CompanyId, StringComparison.OrdinalIgnoreCase))
            {
                await Error(http, 500, $"Company '{line.CompanyNo}' is not valid.", BusinessException); // our wording
                return;
            }
            if (line.Period is < 1 or > 13 || line.YearForPeriod is < 1900 or > 9999)
            {
                await Error(http, 500, $"Period {line.Period} of {line.YearForPeriod} is not valid.", BusinessException); // our wording
                return;
            }
            if (ledger.IsClosed(line.YearForPeriod, line.Period))
            {
                // Posting into a closed period is untested on a real P21 (docs/external-apis/p21.md#gl-journal): our wording.
                await Error(http, 500, $"Period {line.Period} of {line.YearForPeriod} is closed.", BusinessException);
                return;
            }
        }
        // P21's own words (docs/external-apis/p21.md#gl-journal).
        if (lines.Sum(l => l.Amount) != 0m)
        {
            await Error(http, 500, "Records do not balance", BusinessException);
            return;
        }

        var stored = ledger.Post(lines.Select(l => new P21GlLineRecord
        {
            CompanyNo = l.CompanyNo!, AccountNumber = l.AccountNumber!, Period = l.Period, YearForPeriod = l.YearForPeriod, JournalId = l.JournalId,
            Amount = l.Amount, ForeignAmount = l.ForeignAmount ?? l.Amount, Description = l.Description, Source = l.Source,
            TransactionDate = l.TransactionDate ?? time.GetUtcNow().UtcDateTime,
        }).ToList(), time.GetUtcNow().UtcDateTime);
        await http.Response.WriteAsJsonAsync(stored.Select(Echo), P21Http.Json);
    }

    Task GetAsync(HttpContext http)
    {
        var number = long.Parse((string)http.GetRouteValue("transactionNumber")!, CultureInfo.InvariantCulture);
        return http.Response.WriteAsJsonAsync(ledger.Entry(number).Select(Echo), P21Http.Json);
    }

    /// <summary>A line as the GL family answers it: what was posted, plus P21's ids, <c>Approved</c> and the shared transaction number.</summary>
    static Dictionary<string, object?> Echo(P21GlLineRecord line) => new()
    {
        ["GlUid"] = line.GlUid, ["CompanyNo"] = line.CompanyNo, ["AccountNumber"] = line.AccountNumber, ["Period"] = line.Period,
        ["YearForPeriod"] = line.YearForPeriod, ["JournalId"] = line.JournalId, ["Amount"] = line.Amount, ["ForeignAmount"] = line.ForeignAmount,
        ["Description"] = line.Description, ["Source"] = line.Source,
        ["TransactionDate"] = line.TransactionDate.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        ["TransactionNumber"] = line.TransactionNumber, ["SequenceNumber"] = line.SequenceNumber, ["Approved"] = true, ["SourceTypeCd"] = 3495,
        ["DateCreated"] = line.DateCreated.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture), ["LastMaintainedBy"] = "api_user",
    };

    static Task Error(HttpContext http, int status, string message, string errorType)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["DateTimeStamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ["ErrorMessage"] = message,
            ["ErrorType"] = errorType, ["HostName"] = "P21SIM", ["InnerException"] = null, ["LogId"] = Guid.NewGuid().ToString(), ["StackTrace"] = null,
            ["UserId"] = "api_user",
        }, P21Http.Json);
    }

    sealed record GlLine
    {
        public string? CompanyNo { get; init; }
        public string? AccountNumber { get; init; }
        public int Period { get; init; }
        public int YearForPeriod { get; init; }
        public string? JournalId { get; init; }
        public decimal Amount { get; init; }
        public decimal? ForeignAmount { get; init; }
        public string? Description { get; init; }
        public string? Source { get; init; }
        public DateTime? TransactionDate { get; init; }
    }
}
