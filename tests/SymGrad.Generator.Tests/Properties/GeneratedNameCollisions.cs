using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Renames the names of a random program (its parameters, scalars, locals, arrays and loop counters)
/// to the names the generator itself introduces: gradient outputs (<c>dx</c>, <c>da</c>), the tape,
/// the result, adjoints (<c>dS</c>), pooled buffers (<c>dTBuffer</c>), temporaries (<c>product</c>,
/// <c>condition</c>) and loop counters (<c>index</c>, <c>j</c>). Every name the generator introduces
/// must be fresh against every name of the method, so the renamed program must still compile and
/// differentiate exactly as the original.
/// </summary>
public sealed record GeneratedNameCollisions(IReadOnlyDictionary<string, string> Map)
{
    /// <summary>The program's own names, each a role the renaming may give another name.</summary>
    private static readonly string[] Roles = { "a", "x", "b", "s", "u", "z", "y", "w", "i", "j", "v", "t" };

    /// <summary>Names the generator writes into gradient methods.</summary>
    private static readonly string[] GeneratedNames =
    {
        "result", "tape", "dS", "dU", "dZ", "dT", "dA", "dX", "gS", "gU", "gT", "dTBuffer", "dtBuffer", "dTElement", "dTPart",
        "condition", "conditional", "product", "sum", "difference", "quotient", "previous", "logSumExp", "index", "index2",
        "j", "i", "k", "s2", "u2", "z2", "result2", "tape2", "dResult", "negated", "value",
        "broke", "skipped", "returned", "iteration", "iterationStop", "iStop", "jStop", "iTrip", "iTrips",
    };

    private static readonly string[] ParameterNames = { "a", "x", "b", "tape", "result", "index", "product", "condition", "sum", "s", "i", "j" };

    public static readonly GeneratedNameCollisions None = new(new Dictionary<string, string>());

    /// <summary>A third of the programs keep their names; the others take generated ones.</summary>
    public static Gen<GeneratedNameCollisions> Gen =>
        CsCheck.Gen.Frequency(
            (1, CsCheck.Gen.Const(None)),
            (2, CsCheck.Gen.Int[0, int.MaxValue].Select(Create)));

    private static GeneratedNameCollisions Create(int seed)
    {
        var random = new Random(seed);
        var map = new Dictionary<string, string>();
        var taken = new HashSet<string>();

        // Parameters first: a differentiated parameter's output d{name} must not be another parameter (that is SYMGRAD0006).
        foreach (string role in new[] { "a", "x", "b" })
        {
            string name;
            do
            {
                name = ParameterNames[random.Next(ParameterNames.Length)];
            }
            while (taken.Contains(name) || taken.Contains("d" + name) || taken.Any(t => "d" + t == name));
            map[role] = name;
            taken.Add(name);
        }

        // Locals and counters may take the gradient outputs' names: the generator must rename them in its copy.
        string[] pool = GeneratedNames.Concat(new[] { "d" + map["a"], "d" + map["x"], "d" + map["a"] + "Buffer" }).ToArray();
        foreach (string role in Roles.Skip(3))
        {
            string name;
            do
            {
                name = pool[random.Next(pool.Length)];
            }
            while (taken.Contains(name));
            map[role] = name;
            taken.Add(name);
        }

        return new GeneratedNameCollisions(map);
    }

    public string Apply(string source) =>
        Map.Count == 0 ? source : Regex.Replace(source, @"\b(" + string.Join("|", Roles) + @")\b", m => Map.TryGetValue(m.Value, out string? to) ? to : m.Value);

    public override string ToString() => Map.Count == 0 ? "names as written" : "names " + string.Join(", ", Map.Select(p => p.Key + " -> " + p.Value));
}
