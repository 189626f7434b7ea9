using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation.Planning;

/// <summary>
/// Finds the integers a taped loop carries and changes only by copies and additions of values fixed
/// during the loop (<c>lIndex++</c>, <c>k += stride</c>, also through nested loops that change them the
/// same way): the reverse loop runs them backwards instead of popping their versions
/// (docs/loops-and-arrays.md, "Recomputing instead of taping").
/// <para>
/// In SSA a carried integer <c>v</c> reads, at the top level of the loop body,
/// <c>v1 = v</c> (start copy) ... <c>v2 = v1 + c</c> ... <c>w = v2; for (...) { w changed }</c> ...
/// <c>v = vn</c> (back edge). Walking back from the back edge to the start copy gives the chain; each
/// step's reverse defines the version it read: <c>vn = v</c>, <c>v1 = v2 - c</c>, <c>v2 = w</c> (after the
/// nested loop's own reverse has brought <c>w</c> back), and finally <c>v = v1</c>.
/// </para>
/// </summary>
internal static class IntegerChains
{
    /// <summary>
    /// The chains of every taped loop of the body, keyed by loop id: for each loop, the chains of its own
    /// carried integers. A chain that runs inside another's (a nested loop carrying a version of an
    /// outer chain) names that outer chain's carried variable as its family. Loops in <paramref name="excluded"/>
    /// (recomputed iterations) take part in no chain.
    /// </summary>
    public static Dictionary<int, List<IntegerChain>> Find(IEnumerable<ForStatement> tapedLoops, ISet<string> active, IReadOnlyDictionary<string, ValueKind> kinds, ISet<int> excluded)
    {
        var byLoop = new Dictionary<int, List<IntegerChain>>();
        var nested = new HashSet<string>();
        var roots = new List<(ForStatement Loop, List<(int LoopId, IntegerChain Chain)> Members)>();
        foreach (ForStatement loop in tapedLoops.Where(l => !excluded.Contains(l.Id)))
        {
            foreach (string carried in loop.Carried.Where(c => kinds.TryGetValue(c, out ValueKind kind) && kind == ValueKind.Int))
            {
                var members = new List<(int, IntegerChain)>();
                if (Analyze(loop, carried, carried, active, excluded, members))
                {
                    roots.Add((loop, members));
                    foreach ((int _, IntegerChain chain) in members.Skip(1))
                    {
                        nested.Add(chain.Carried);
                    }
                }
            }
        }

        // A loop analysed on its own as well as inside an outer chain belongs to the outer chain only.
        foreach ((ForStatement _, List<(int LoopId, IntegerChain Chain)> members) in roots.Where(r => !nested.Contains(r.Members[0].Chain.Carried)))
        {
            foreach ((int loopId, IntegerChain chain) in members)
            {
                if (!byLoop.TryGetValue(loopId, out List<IntegerChain>? list))
                {
                    list = new List<IntegerChain>();
                    byLoop[loopId] = list;
                }

                list.Add(chain);
            }
        }

        return byLoop;
    }

    /// <summary>
    /// The chain of <paramref name="carried"/> in <paramref name="loop"/> and of the nested loops it runs
    /// through, appended to <paramref name="members"/> (this loop's first); false when it is not invertible.
    /// </summary>
    private static bool Analyze(ForStatement loop, string carried, string family, ISet<string> active, ISet<int> excluded, List<(int LoopId, IntegerChain Chain)> members)
    {
        // Only a loop with reverse code runs backwards; a nested loop without it would leave its versions changed.
        if (!Activity.HasActiveWork(loop.Body, active))
        {
            return false;
        }

        IReadOnlyList<Stmt> body = loop.Body;
        int backEdge = LastIndex(body, s => s is AssignStatement a && a.Target == carried);
        if (backEdge < 0 || body[backEdge] is not AssignStatement { Value: Variable last } edge)
        {
            return false;
        }

        var assignedInBody = new HashSet<string>(StatementWalker.AssignedNames(body));
        var steps = new List<ChainStep> { new(edge, last.Name, new Variable(carried, ValueKind.Int), Declares: true) };
        var consumers = new Dictionary<string, int> { [last.Name] = backEdge };
        int memberIndex = members.Count;
        members.Add((loop.Id, null!));
        string current = last.Name;
        int position = backEdge;
        while (true)
        {
            int writer = LastIndex(body, position, s => Writes(s, current));
            if (writer < 0)
            {
                return false;
            }

            switch (body[writer])
            {
                case ForStatement inner when inner.Carried.Contains(current):
                    // The nested loop changes the version and, reversed, brings it back; its first value is set before it.
                    if (excluded.Contains(inner.Id) || (inner.Exit is not null && inner.Stop is null) || !Analyze(inner, current, family, active, excluded, members))
                    {
                        return false;
                    }

                    position = writer;
                    continue;
                case AssignStatement { Value: Variable { Name: var start } } copy when start == carried:
                    // The start copy v1 = v: its reverse hands the iteration's first value back to v.
                    steps.Add(new ChainStep(copy, carried, new Variable(copy.Target, ValueKind.Int), Declares: false));
                    consumers[carried] = writer;
                    members[memberIndex] = (loop.Id, new IntegerChain(carried, family, steps.ToEquatableArray()));
                    return ReadsInOrder(body, consumers) && VersionsStayIntegers(steps);
                case AssignStatement step when Inverse(step, carried, assignedInBody) is { } inverse:
                    steps.Add(new ChainStep(step, inverse.Read, inverse.Value, Declares: true));
                    if (consumers.ContainsKey(inverse.Read))
                    {
                        return false;
                    }

                    consumers[inverse.Read] = writer;
                    current = inverse.Read;
                    position = writer;
                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary>For <c>t = u</c>, <c>t = u + c</c>, <c>t = c + u</c>, <c>t = u - c</c>: <c>u</c> and the value giving it back from <c>t</c>.</summary>
    private static (string Read, Expr Value)? Inverse(AssignStatement step, string carried, HashSet<string> assignedInBody)
    {
        var target = new Variable(step.Target, ValueKind.Int);
        bool Fixed(Expr c) => c.Kind == ValueKind.Int && !ExprRewriter.ReadsArrays(c) && !ExprRewriter.CallsOut(c)
            && ExprRewriter.Variables(c).All(name => name != carried && !assignedInBody.Contains(name));
        return step.Value switch
        {
            Variable { Kind: ValueKind.Int } u => (u.Name, target),
            Binary { Operator: BinaryOperator.Add, Left: Variable { Kind: ValueKind.Int } u, Right: var c } when Fixed(c) => (u.Name, new Binary(BinaryOperator.Subtract, target, c, ValueKind.Int)),
            Binary { Operator: BinaryOperator.Add, Left: var c, Right: Variable { Kind: ValueKind.Int } u } when Fixed(c) => (u.Name, new Binary(BinaryOperator.Subtract, target, c, ValueKind.Int)),
            Binary { Operator: BinaryOperator.Subtract, Left: Variable { Kind: ValueKind.Int } u, Right: var c } when Fixed(c) => (u.Name, new Binary(BinaryOperator.Add, target, c, ValueKind.Int)),
            _ => null,
        };
    }

    /// <summary>Whether the statement assigns <paramref name="name"/> at this level, or is a loop that carries it.</summary>
    private static bool Writes(Stmt statement, string name) => statement switch
    {
        AssignStatement a => a.Target == name,
        ForStatement f => f.Carried.Contains(name),
        IfStatement i => StatementWalker.AssignedNames(new[] { i }).Contains(name),
        _ => false,
    };

    /// <summary>
    /// The reverse defines each version where the step that reads it is reversed, so nothing after that
    /// step (in source order) may read it: the reverse code of later statements runs before the version exists.
    /// </summary>
    private static bool ReadsInOrder(IReadOnlyList<Stmt> body, Dictionary<string, int> consumers)
    {
        for (int i = 0; i < body.Count; i++)
        {
            var read = new HashSet<string>(StatementWalker.All(new[] { body[i] }).SelectMany(StatementWalker.ExpressionsOf).SelectMany(ExprRewriter.Variables));
            foreach (KeyValuePair<string, int> consumer in consumers)
            {
                if (i > consumer.Value && read.Contains(consumer.Key))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool VersionsStayIntegers(IEnumerable<ChainStep> steps) => steps.All(s => s.Statement.Value.Kind == ValueKind.Int);

    private static int LastIndex(IReadOnlyList<Stmt> body, System.Func<Stmt, bool> test) => LastIndex(body, body.Count, test);

    private static int LastIndex(IReadOnlyList<Stmt> body, int before, System.Func<Stmt, bool> test)
    {
        for (int i = before - 1; i >= 0; i--)
        {
            if (test(body[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// An integer a loop carries and changes only invertibly: its steps (back edge first, start copy last,
/// as the reverse sweep meets them), and its family, the carried variable of the outermost chain it
/// runs inside (its own when it is the outermost).
/// </summary>
internal sealed record IntegerChain(string Carried, string Family, EquatableArray<ChainStep> Steps)
{
    public bool IsRoot => Family == Carried;

    /// <summary>Every version the chain's steps read or define, the carried variable included.</summary>
    public IEnumerable<string> Versions => Steps.SelectMany(s => new[] { s.Statement.Target, s.Defines }).Distinct();
}

/// <summary>
/// One statement of a chain and its reverse: <c>Defines = Inverse</c>, declared (an SSA version) or, for the
/// start copy, assigned to the carried variable.
/// </summary>
internal sealed record ChainStep(AssignStatement Statement, string Defines, Expr Inverse, bool Declares);
