using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

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
                case ForStatement loop:
                    output.AddRange(RenameFor(loop, environment));
                    break;
                case ArrayDeclareStatement declare:
                    output.Add(declare with { Length = ExprRewriter.Rename(declare.Length, environment) });
                    break;
                case ElementAssignStatement element:
                    output.Add(element with { Index = ExprRewriter.Rename(element.Index, environment), Value = ExprRewriter.Rename(element.Value, environment) });
                    break;
                case LengthCheckStatement check:
                    output.Add(check);
                    break;
                case FailWhenStatement fail:
                    output.Add(fail with { Condition = ExprRewriter.Rename(fail.Condition, environment) });
                    break;
                case VectorCallStatement call:
                    output.Add(call with { Arguments = call.Arguments.Select(a => ExprRewriter.Rename(a, environment)).ToEquatableArray() });
                    break;
            }
        }

        return output;
    }

    /// <summary>
    /// A scalar that the body assigns and that exists before the loop is carried: it gets a mutable
    /// carried variable initialised before the loop; each iteration starts with an SSA copy of it and
    /// ends with a back edge that stores the iteration's last version.
    /// </summary>
    private IEnumerable<Stmt> RenameFor(ForStatement loop, Dictionary<string, string> environment)
    {
        var output = new List<Stmt>();
        Expr start = ExprRewriter.Rename(loop.Start, environment);
        Expr end = ExprRewriter.Rename(loop.End, environment);
        List<string> carriedSources = AssignedTargets(loop.Body).Where(environment.ContainsKey).Distinct().ToList();
        var carried = new Dictionary<string, string>();
        foreach (string source in carriedSources)
        {
            string name = Fresh(source);
            kinds[name] = kinds[environment[source]];
            output.Add(new AssignStatement(name, new Variable(environment[source], kinds[name]), SourceNote.None));
            carried[source] = name;
            environment[source] = name;
        }

        var bodyEnvironment = new Dictionary<string, string>(environment);
        defined.Add(loop.Counter);
        kinds[loop.Counter] = ValueKind.Int;
        bodyEnvironment[loop.Counter] = loop.Counter;

        // The exit is tested before each iteration, on the values the previous one left in the carried variables.
        Expr? exit = loop.Exit is null ? null : ExprRewriter.Rename(loop.Exit, bodyEnvironment);
        if (loop.Stop is not null)
        {
            defined.Add(loop.Stop);
            kinds[loop.Stop] = ValueKind.Int;
        }
        var body = new List<Stmt>();
        var starts = new Dictionary<string, string>();
        foreach (KeyValuePair<string, string> pair in carried)
        {
            string start0 = Fresh(pair.Key);
            kinds[start0] = kinds[pair.Value];
            body.Add(new AssignStatement(start0, new Variable(pair.Value, kinds[start0]), SourceNote.None));
            bodyEnvironment[pair.Key] = start0;
            starts[pair.Key] = start0;
        }

        body.AddRange(RenameBlock(loop.Body, bodyEnvironment, out _));
        foreach (KeyValuePair<string, string> pair in carried)
        {
            string last = bodyEnvironment[pair.Key];
            body.Add(new AssignStatement(pair.Value, new Variable(last, kinds[last]), SourceNote.None));
        }

        output.Add(loop with { Start = start, End = end, Body = body.ToEquatableArray(), Carried = carried.Values.ToEquatableArray(), Exit = exit });
        return output;
    }

    private static IEnumerable<string> AssignedTargets(IEnumerable<Stmt> block) => StatementWalker.AssignedNames(block, intoLoops: true);

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
