using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Uhrwerk.Tests.Architecture;

/// <summary>
/// The layering rules beside the module boundaries: Platform is what every module builds on, so it
/// knows no module; a module's Domain is plain C# that neither EF Core nor ASP.NET Core reaches
/// into; the composition root (Program) wires modules through their public surface only.
/// </summary>
public static class Layering
{
    /// <summary>
    /// Platform types that use a module. <paramref name="composedFromModules"/> names the types that
    /// modules extend in partial files of their own (the one DbContext, whose sets and Identity base
    /// class the modules declare); they are the only exemption, and Platform's own part of them names no module.
    /// </summary>
    public static IReadOnlyList<string> PlatformUsingModules(Assembly assembly, string platformRoot, string modulesRoot, params string[] composedFromModules)
    {
        var result = Types.InAssembly(assembly).That().ResideInNamespace(platformRoot)
            .ShouldNot().HaveDependencyOn(modulesRoot).GetResult();
        return (result.FailingTypeNames ?? []).Where(t => !composedFromModules.Any(c => t == c || IsNestedIn(t, c))).ToList();
    }

    /// <summary>Types in a module's Domain namespace that use EF Core or ASP.NET Core (Identity included).</summary>
    public static IReadOnlyList<string> DomainUsingFrameworks(Assembly assembly, string modulesRoot)
    {
        var result = Types.InAssembly(assembly).That().ResideInNamespaceMatching($@"^{Regex.Escape(modulesRoot)}\.[^.]+\.Domain(\..+)?$")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore").GetResult();
        return result.FailingTypeNames ?? [];
    }

    /// <summary>Types of the composition root that reach past a module's root namespace into its internals.</summary>
    public static IReadOnlyList<string> CompositionRootUsingModuleInternals(Assembly assembly, string compositionRoot, string modulesRoot)
    {
        var internals = assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(modulesRoot + ".", StringComparison.Ordinal) && n[(modulesRoot.Length + 1)..].Contains('.'))
            .Distinct().ToArray();
        var result = Types.InAssembly(assembly).That().HaveName(compositionRoot)
            .ShouldNot().HaveDependencyOnAny(internals).GetResult();
        return result.FailingTypeNames ?? [];
    }

    private static bool IsNestedIn(string type, string outer) =>
        type.StartsWith(outer + "+", StringComparison.Ordinal) || type.StartsWith(outer + "/", StringComparison.Ordinal);
}

public sealed class LayeringTests
{
    private const string Modules = "Uhrwerk.Server.Modules";
    private const string Samples = "Uhrwerk.Tests.Architecture.LayeringSamples";

    [Fact]
    public void Platform_does_not_depend_on_modules()
    {
        var violations = Layering.PlatformUsingModules(typeof(Program).Assembly, "Uhrwerk.Server.Platform", Modules, "Uhrwerk.Server.Platform.Data.UhrwerkDbContext");

        Assert.True(violations.Count == 0, "These Platform types use a module: " + string.Join(", ", violations));
    }

    [Fact]
    public void The_platform_check_catches_a_platform_type_that_uses_a_module_and_spares_only_the_composed_context()
    {
        var violations = Layering.PlatformUsingModules(typeof(LayeringTests).Assembly, $"{Samples}.Platform", $"{Samples}.Modules", $"{Samples}.Platform.Data.SampleContext");

        Assert.Equal([$"{Samples}.Platform.Mail.ReachesIntoAlpha"], violations);
    }

    [Fact]
    public void Module_domains_use_neither_EF_Core_nor_ASP_NET_Core()
    {
        var violations = Layering.DomainUsingFrameworks(typeof(Program).Assembly, Modules);

        Assert.True(violations.Count == 0, "These domain types use EF Core or ASP.NET Core: " + string.Join(", ", violations));
    }

    [Fact]
    public void The_domain_check_catches_an_EF_attribute_and_an_Identity_user_in_a_domain()
    {
        var violations = Layering.DomainUsingFrameworks(typeof(LayeringTests).Assembly, $"{Samples}.Modules");

        Assert.Equal([$"{Samples}.Modules.Alpha.Domain.KeylessReport", $"{Samples}.Modules.Alpha.Domain.SignsIn"], violations.Order());
    }

    [Fact]
    public void Program_wires_modules_only_through_their_public_surface()
    {
        var violations = Layering.CompositionRootUsingModuleInternals(typeof(Program).Assembly, "Program", Modules);

        Assert.True(violations.Count == 0, "Program reaches into a module's internals: " + string.Join(", ", violations));
    }

    [Fact]
    public void The_composition_root_check_catches_wiring_that_reaches_into_a_module()
    {
        var violations = Layering.CompositionRootUsingModuleInternals(typeof(LayeringTests).Assembly, "SampleProgram", $"{Samples}.Modules");

        Assert.Equal([$"{Samples}.SampleProgram"], violations);
        Assert.Empty(Layering.CompositionRootUsingModuleInternals(typeof(LayeringTests).Assembly, "SampleProgramThroughTheModule", $"{Samples}.Modules"));
    }
}
