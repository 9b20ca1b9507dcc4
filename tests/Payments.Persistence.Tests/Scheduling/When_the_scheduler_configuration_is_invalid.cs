using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;
using Payments.Persistence.Tests.Scheduling.Model;

namespace Payments.Persistence.Tests.Scheduling;

public class When_the_scheduler_configuration_is_invalid
{
    [Test]
    public void Should_refuse_to_start_and_name_each_bad_key()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Scheduler:MaxPollInterval"] = "00:00:00";
        builder.Configuration["Scheduler:BatchSize"] = "0";
        builder.Services.AddPaymentsDbContext<SchedulingTestDbContext>(DatabaseProvider.Sqlite, "Data Source=:memory:");
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddPaymentsScheduler<SchedulingTestDbContext>();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        using var host = builder.Build();

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Failures, Has.Some.Contains("Scheduler:MaxPollInterval").And.Some.Contains("Scheduler:BatchSize"));
    }
}
