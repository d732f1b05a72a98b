using System.Reflection;
using NetArchTest.Rules;

namespace Uhrwerk.Tests.Architecture;

/// <summary>
/// A module may use another module only through its root namespace (the I&lt;Module&gt; interface
/// and its DTOs) and its Events; Domain, Data, use cases and pages are internal to the module.
/// </summary>
public static class ModuleBoundaries
{
    public static IReadOnlyList<string> Violations(Assembly assembly, string modulesRoot)
    {
        var namespaces = assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(modulesRoot + ".", StringComparison.Ordinal)).Distinct().ToList();
        var modules = namespaces.Select(n => n[(modulesRoot.Length + 1)..].Split('.')[0]).Distinct().ToList();
        var violations = new List<string>();
        foreach (var module in modules)
        {
            var internalsOfOthers = namespaces
                .Where(n => n.Split('.') is var parts && parts.Length > modulesRoot.Split('.').Length + 1)
                .Where(n => ModuleOf(n, modulesRoot) != module && !n.EndsWith(".Events", StringComparison.Ordinal))
                .ToArray();
            if (internalsOfOthers.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(assembly).That().ResideInNamespace($"{modulesRoot}.{module}")
                .ShouldNot().HaveDependencyOnAny(internalsOfOthers).GetResult();
            violations.AddRange(result.FailingTypeNames ?? []);
        }

        return violations;
    }

    private static string ModuleOf(string ns, string modulesRoot) => ns[(modulesRoot.Length + 1)..].Split('.')[0];
}

public sealed class ModuleBoundaryTests
{
    [Fact]
    public void No_module_uses_the_internals_of_another_module()
    {
        var violations = ModuleBoundaries.Violations(typeof(Program).Assembly, "Uhrwerk.Server.Modules");

        Assert.True(violations.Count == 0, "These types reach into another module's internals: " + string.Join(", ", violations));
    }

    [Fact]
    public void The_boundary_check_catches_a_module_that_uses_another_modules_domain()
    {
        var violations = ModuleBoundaries.Violations(typeof(ModuleBoundaryTests).Assembly, "Uhrwerk.Tests.Architecture.Samples");

        Assert.Equal(["Uhrwerk.Tests.Architecture.Samples.Beta.Reports.ReachesIntoAlpha"], violations);
    }
}
