// Three tiny "modules" that show the cycle check can fail: Gamma and Delta use each other; Epsilon is used by Gamma and
// only hears Gamma's events, which is no circle.
namespace Uhrwerk.Tests.Architecture.CycleSamples.Gamma
{
    public sealed record GammaTotal(int Value)
    {
        public int WithDelta(Delta.DeltaRate rate) => Value * rate.Factor;

        public int WithEpsilon(Epsilon.EpsilonLimit limit) => Math.Min(Value, limit.Max);
    }
}

namespace Uhrwerk.Tests.Architecture.CycleSamples.Gamma.Events
{
    public sealed record GammaCounted(int Value);
}

namespace Uhrwerk.Tests.Architecture.CycleSamples.Delta
{
    public sealed record DeltaRate(int Factor)
    {
        public int Of(Gamma.GammaTotal total) => total.Value * Factor;
    }
}

namespace Uhrwerk.Tests.Architecture.CycleSamples.Epsilon
{
    public sealed record EpsilonLimit(int Max)
    {
        public bool Hears(Gamma.Events.GammaCounted counted) => counted.Value <= Max;
    }
}
