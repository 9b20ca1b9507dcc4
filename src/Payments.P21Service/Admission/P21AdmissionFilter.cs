using MassTransit;

namespace Payments.P21Service.Admission;

/// <summary>Holds a place in the <see cref="P21Admission"/> limit while the rest of the endpoint's pipe handles one message.</summary>
sealed class P21AdmissionFilter(P21Admission admission) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        using var place = await admission.EnterAsync(context.CancellationToken);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("p21-admission").Add("limit", admission.Limit);
}
