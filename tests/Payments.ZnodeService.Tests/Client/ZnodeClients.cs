using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Simulators.Znode;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.Tests.Client;

/// <summary>The Znode client as AddZnodeService wires it (options, pipeline, handler), against a simulator, without a bus or a database.</summary>
static class ZnodeClients
{
    public static IHost Build(ZnodeSimulator znode, Action<IDictionary<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["Znode:BaseUrl"] = znode.BaseUrl,
            ["Znode:DomainName"] = znode.Options.DomainName,
            ["Znode:ApiKey"] = znode.Options.ApiKey,
            ["Znode:RateLimit:PermitsPerSecond"] = "1000",
            ["Znode:RateLimit:Burst"] = "1000",
            ["Znode:ReadRetry:Delay"] = "00:00:00.050",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:ZnodeService"] = "Data Source=:memory:",
        };
        settings?.Invoke(config);
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddZnodeService();
        return builder.Build();
    }

    public static ZnodeClient Client(this IHost host) => host.Services.GetRequiredService<ZnodeClient>();
}
