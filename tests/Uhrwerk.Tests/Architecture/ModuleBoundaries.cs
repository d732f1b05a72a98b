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

    /// <summary>
    /// The groups of modules that depend on each other in a circle (A uses B and B, perhaps through others, uses A), each as
    /// its modules in order, e.g. "Fulfillment, Ordering". Reacting to another module's Events is no dependency here: facts may
    /// be heard both ways. A module that needs an answer from one that depends on it declares an interface the other implements.
    /// </summary>
    public static IReadOnlyList<string> Cycles(Assembly assembly, string modulesRoot)
    {
        var types = assembly.GetTypes().Where(t => t.Namespace?.StartsWith(modulesRoot + ".", StringComparison.Ordinal) == true).ToList();
        var modules = types.Select(t => ModuleOf(t.Namespace!, modulesRoot)).Distinct().Order(StringComparer.Ordinal).ToList();
        var uses = modules.ToDictionary(m => m, m => modules.Where(other => other != m && Uses(assembly, modulesRoot, m,
            types.Where(t => ModuleOf(t.Namespace!, modulesRoot) == other && !t.Namespace!.EndsWith(".Events", StringComparison.Ordinal)).Select(t => t.FullName!).ToArray())).ToHashSet());
        foreach (var via in modules)
        {
            foreach (var from in modules.Where(f => uses[f].Contains(via)))
            {
                uses[from].UnionWith(uses[via]);
            }
        }

        return modules.Select(m => string.Join(", ", modules.Where(other => other == m || (uses[m].Contains(other) && uses[other].Contains(m)))))
            .Where(group => group.Contains(',')).Distinct().ToList();
    }

    private static bool Uses(Assembly assembly, string modulesRoot, string module, string[] typesOfOther) =>
        typesOfOther.Length > 0 && Types.InAssembly(assembly).That().ResideInNamespace($"{modulesRoot}.{module}").And().HaveDependencyOnAny(typesOfOther).GetTypes().Any();

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

    /// <summary>
    /// Catalog and Inventory still use each other (the product page shows stock, stock keeping checks products); that one is
    /// known and may only go away. Ordering no longer uses Fulfillment: the order page asks <c>IOrderDeliveries</c>, which
    /// Ordering declares and Fulfillment implements.
    /// </summary>
    [Fact]
    public void Modules_do_not_depend_on_each_other_in_a_circle()
    {
        var cycles = ModuleBoundaries.Cycles(typeof(Program).Assembly, "Uhrwerk.Server.Modules");

        Assert.Equal(["Catalog, Inventory"], cycles);
    }

    [Fact]
    public void The_cycle_check_catches_two_modules_that_use_each_other_and_not_one_that_only_hears_the_others_events()
    {
        var cycles = ModuleBoundaries.Cycles(typeof(ModuleBoundaryTests).Assembly, "Uhrwerk.Tests.Architecture.CycleSamples");

        Assert.Equal(["Delta, Gamma"], cycles);
    }

    [Fact]
    public void The_boundary_check_catches_a_module_that_uses_another_modules_domain()
    {
        var violations = ModuleBoundaries.Violations(typeof(ModuleBoundaryTests).Assembly, "Uhrwerk.Tests.Architecture.Samples");

        Assert.Equal(["Uhrwerk.Tests.Architecture.Samples.Beta.Reports.ReachesIntoAlpha"], violations);
    }
}
