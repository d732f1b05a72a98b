// Two tiny "modules" that show the boundary check can fail: Beta's report reaches into Alpha's domain.
namespace Uhrwerk.Tests.Architecture.Samples.Alpha.Domain
{
    public sealed class AlphaSecret
    {
        public int Value { get; init; }
    }
}

namespace Uhrwerk.Tests.Architecture.Samples.Alpha.Events
{
    public sealed record AlphaHappened(int Value);
}

namespace Uhrwerk.Tests.Architecture.Samples.Beta.Reports
{
    public static class ReachesIntoAlpha
    {
        public static int Read(Alpha.Domain.AlphaSecret secret) => secret.Value;
    }

    public static class ListensToAlpha
    {
        public static int On(Alpha.Events.AlphaHappened e) => e.Value;
    }
}
