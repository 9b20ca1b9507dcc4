using Payments.Chaos;

return await ChaosCommand.InvokeAsync(args);
