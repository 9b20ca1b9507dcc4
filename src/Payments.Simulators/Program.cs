using Payments.Simulators.P21.Hosting;
using Payments.Simulators.Stripe.Hosting;
using Payments.Simulators.Znode.Hosting;

// Each simulator is its own loopback listener, configured under Simulators:<Name> (port 0 = any free port, printed at start).
var builder = Host.CreateApplicationBuilder(args);
builder.AddP21Simulator();
builder.AddStripeApiFake();
builder.AddZnodeSimulator();
builder.Build().Run();
