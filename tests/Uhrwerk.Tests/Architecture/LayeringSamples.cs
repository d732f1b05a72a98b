// A tiny Platform, a module and a composition root that show the layering checks can fail.
namespace Uhrwerk.Tests.Architecture.LayeringSamples.Modules.Alpha
{
    public static class AlphaModule
    {
        public static int Wire() => 1;
    }
}

namespace Uhrwerk.Tests.Architecture.LayeringSamples.Modules.Alpha.Domain
{
    public sealed class AlphaSecret
    {
        public int Value { get; init; }
    }

    [Microsoft.EntityFrameworkCore.Keyless]
    public sealed class KeylessReport
    {
        public int Value { get; init; }
    }

    public sealed class SignsIn : Microsoft.AspNetCore.Identity.IdentityUser<Guid>;
}

namespace Uhrwerk.Tests.Architecture.LayeringSamples.Platform.Mail
{
    public static class ReachesIntoAlpha
    {
        public static int Read(Modules.Alpha.Domain.AlphaSecret secret) => secret.Value;
    }

    public static class KnowsNoModule
    {
        public static int Twice(int value) => value * 2;
    }
}

namespace Uhrwerk.Tests.Architecture.LayeringSamples.Platform.Data
{
    // Stands for the DbContext whose module partials add the modules' sets.
    public sealed class SampleContext
    {
        public List<Modules.Alpha.Domain.AlphaSecret> Secrets { get; } = [];
    }
}

namespace Uhrwerk.Tests.Architecture.LayeringSamples
{
    public static class SampleProgram
    {
        public static int Start() => Modules.Alpha.AlphaModule.Wire() + new Modules.Alpha.Domain.AlphaSecret().Value;
    }

    public static class SampleProgramThroughTheModule
    {
        public static int Start() => Modules.Alpha.AlphaModule.Wire();
    }
}
