using MassTransit;
using Payments.Sagas;
using Payments.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPaymentsBus(bus => bus.AddOrderPaymentSaga().InMemoryRepository());

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
