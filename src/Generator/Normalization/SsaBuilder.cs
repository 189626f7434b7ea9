using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Normalization;

/// <summary>
/// Static single assignment: every assignment gets a name of its own (the first keeps the source
/// name, later ones get a suffix: <c>p</c>, <c>p2</c>, ...), so no forward value is ever
/// overwritten and the reverse sweep can read any of them. After an <c>if</c>, a variable assigned
/// differently on the two paths gets one merged name that both branches assign (a phi): where a
/// branch defined its own version, that version is renamed to the merged name; otherwise the
/// branch ends with a copy.
/// </summary>
internal sealed class SsaBuilder
{
    private readonly NameAllocator names;
    private readonly HashSet<string> defined = new();
    private readonly Dictionary<string, ValueKind> kinds = new();

    private SsaBuilder(NameAllocator names, IEnumerable<ParameterModel> parameters)
    {
        this.names = names;
        foreach (ParameterModel parameter in parameters)
        {
            defined.Add(parameter.Name);
            kinds[parameter.Name] = parameter.Kind;
        }
    }

    /// <summary>Renames <paramref name="body"/> into SSA form; returns the body and the final name of <paramref name="resultName"/>.</summary>
    public static (EquatableArray<Stmt> Body, string Result) Build(IReadOnlyList<Stmt> body, IEnumerable<ParameterModel> parameters, NameAllocator names, string resultName)
    {
        var builder = new SsaBuilder(names, parameters);
        var environment = parameters.ToDictionary(p => p.Name, p => p.Name);
        List<Stmt> renamed = builder.RenameBlock(body, environment, out _);
        return (renamed.ToEquatableArray(), environment[resultName]);
    }

    private List<Stmt> RenameBlock(IReadOnlyList<Stmt> block, Dictionary<string, string> environment, out HashSet<string> definedHere)
    {
        definedHere = new HashSet<string>();
        var output = new List<Stmt>();
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign:
                    Expr value = ExprRewriter.Rename(assign.Value, environment);
                    string name = Fresh(assign.Target);
                    kinds[name] = value.Kind;
                    environment[assign.Target] = name;
                    definedHere.Add(name);
                    output.Add(assign with { Target = name, Value = value });
                    break;
                case IfStatement branch:
                    output.Add(RenameIf(branch, environment, definedHere));
                    break;
            }
        }

        return output;
    }

    private IfStatement RenameIf(IfStatement branch, Dictionary<string, string> environment, HashSet<string> definedHere)
    {
        Expr condition = ExprRewriter.Rename(branch.Condition, environment);
        var thenEnvironment = new Dictionary<string, string>(environment);
        var elseEnvironment = new Dictionary<string, string>(environment);
        List<Stmt> then = RenameBlock(branch.Then, thenEnvironment, out HashSet<string> definedInThen);
        List<Stmt> otherwise = RenameBlock(branch.Else, elseEnvironment, out HashSet<string> definedInElse);

        var thenRenames = new Dictionary<string, string>();
        var elseRenames = new Dictionary<string, string>();
        foreach (string variable in thenEnvironment.Keys.Where(elseEnvironment.ContainsKey).ToList())
        {
            string thenName = thenEnvironment[variable];
            string elseName = elseEnvironment[variable];
            if (thenName == elseName)
            {
                continue;
            }

            bool thenDefines = definedInThen.Contains(thenName);
            bool elseDefines = definedInElse.Contains(elseName);
            string merged = thenDefines ? thenName : elseDefines ? elseName : Fresh(variable);
            kinds[merged] = kinds[thenName];
            AddMerge(then, thenRenames, thenDefines, thenName, merged);
            AddMerge(otherwise, elseRenames, elseDefines, elseName, merged);
            environment[variable] = merged;
            definedHere.Add(merged);
        }

        foreach (string name in definedInThen.Concat(definedInElse))
        {
            definedHere.Add(name);
        }

        return branch with
        {
            Condition = condition,
            Then = ExprRewriter.Rename(then, thenRenames),
            Else = ExprRewriter.Rename(otherwise, elseRenames),
        };
    }

    private void AddMerge(List<Stmt> block, Dictionary<string, string> renames, bool definesOwnVersion, string branchName, string merged)
    {
        if (branchName == merged)
        {
            return;
        }

        if (definesOwnVersion)
        {
            renames[branchName] = merged;
        }
        else
        {
            block.Add(new AssignStatement(merged, new Variable(branchName, kinds[branchName]), SourceNote.None));
        }
    }

    private string Fresh(string sourceName)
    {
        string name = defined.Contains(sourceName) ? names.Allocate(sourceName) : sourceName;
        defined.Add(name);
        return name;
    }
}
