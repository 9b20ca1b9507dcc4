using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;

namespace Payments.Simulators.Tests.P21;

/// <summary>Each token request may end the API user's earlier sessions (docs/external-apis/p21.md#tokens); the simulator does so unless told not to.</summary>
[TestFixture]
public class When_p21_issues_a_new_token
{
    static async Task<string> TokenAsync(HttpClient http, object credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/security/token/v2") { Content = JsonContent.Create(credentials) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["AccessToken"]!;
    }

    static async Task<(HttpStatusCode Status, string Body)> RouterAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ui/router/v1/?urlType=external");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Should_end_the_api_users_earlier_sessions_and_no_one_elses()
    {
        await using var simulator = await P21Simulator.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        var user = new { username = "api_user", password = "api_password" };

        var first = await TokenAsync(http, user);
        var installUser = await TokenAsync(http, new { ClientSecret = simulator.Options.ClientSecret, GrantType = "client_credentials" });
        var second = await TokenAsync(http, user);

        Assert.Multiple(async () =>
        {
            Assert.That(simulator.Options.NewTokenRevokesPrevious, Is.True, "on by default");
            Assert.That((await RouterAsync(http, first)).Status, Is.EqualTo(HttpStatusCode.Unauthorized), "ended by the user's next token");
            Assert.That((await RouterAsync(http, second)).Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await RouterAsync(http, installUser)).Status, Is.EqualTo(HttpStatusCode.OK), "another user's session stays");
        });
    }

    [Test]
    public async Task Should_keep_earlier_sessions_when_told_p21_does_not_end_them()
    {
        await using var simulator = await P21Simulator.StartAsync(new P21SimulatorOptions { NewTokenRevokesPrevious = false });
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        var user = new { username = "api_user", password = "api_password" };

        var first = await TokenAsync(http, user);
        await TokenAsync(http, user);

        Assert.That((await RouterAsync(http, first)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_answer_a_missing_permission_with_p21s_words_whatever_the_token()
    {
        await using var simulator = await P21Simulator.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        var token = await TokenAsync(http, new { username = "api_user", password = "api_password" });
        simulator.Faults.Inject(P21Route.Router, P21Fault.PermissionDenied());

        var (status, body) = await RouterAsync(http, token);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body, Is.EqualTo("You are not authorized to access API"));
        });
    }
}
