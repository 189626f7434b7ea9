using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Normalization;

/// <summary>
/// Replaces every <c>return e</c> by an assignment to one result variable so the body has a single
/// exit, without ever copying a statement: the generated code stays linear in the size of the method.
/// <list type="bullet">
/// <item>An <c>if</c> whose one branch returns on every path takes the statements after it into its
/// other branch (the guard clause <c>if (c) return a; rest</c> becomes <c>if (c) result = a; else { rest }</c>).
/// The statements move; they are not duplicated.</item>
/// <item>An <c>if</c> that returns on some paths only sets a flag where it returns
/// (<c>result = a; returned = true;</c>), and the statements after it run under
/// <c>if (!returned)</c>. Each such <c>if</c> closes one guarded segment of its block, so guards stay
/// side by side rather than nesting once per early return.</item>
/// <item>Statements after a statement that returns on every path are unreachable and dropped.</item>
/// <item>A <c>return</c> inside a loop sets the result and the flag; the rest of its iteration is
/// skipped the same ways, and the flag joins the exit of the loop and of every loop around it
/// (<see cref="ForStatement.Exit"/>), so they stop before their next iteration.</item>
/// </list>
/// When a flag is needed, the result and the flag are initialised first (to 0 and false), so every
/// path defines both before SSA merges them.
/// </summary>
internal sealed class ReturnNormalizer
{
    /// <summary>
    /// How deep moving the rest of a block into a branch may nest: a run of guard clauses would nest one
    /// level per guard, so past this depth the flag form (which stays flat) takes over.
    /// </summary>
    private const int MaxMovedNesting = 8;

    private readonly string resultName;
    private readonly NameAllocator names;
    private readonly Dictionary<Stmt, bool> alwaysReturns = new(ReferenceComparer.Instance);
    private readonly Dictionary<Stmt, bool> containsReturn = new(ReferenceComparer.Instance);
    private string? flagName;

    private ReturnNormalizer(string resultName, NameAllocator names)
    {
        this.resultName = resultName;
        this.names = names;
    }

    public static EquatableArray<Stmt> Normalize(IReadOnlyList<Stmt> body, string resultName, NameAllocator names)
    {
        var normalizer = new ReturnNormalizer(resultName, names);
        List<Stmt> output = normalizer.NormalizeSequence(body, 0, setsFlag: false, nesting: 0, out _);
        if (normalizer.flagName is null)
        {
            return output.ToEquatableArray();
        }

        var initialised = new List<Stmt>
        {
            new AssignStatement(resultName, Constant.Zero, SourceNote.None),
            new AssignStatement(normalizer.flagName, new BoolConstant(false), SourceNote.None),
        };
        initialised.AddRange(output);
        return initialised.ToEquatableArray();
    }

    /// <summary>
    /// Normalises <c>statements[start..]</c>. <paramref name="setsFlag"/>: returns in it must set the flag,
    /// because an enclosing statement continues after them under <c>if (!returned)</c>.
    /// </summary>
    private List<Stmt> NormalizeSequence(IReadOnlyList<Stmt> statements, int start, bool setsFlag, int nesting, out bool returnsAlways)
    {
        var output = new List<Stmt>();
        for (int i = start; i < statements.Count; i++)
        {
            switch (statements[i])
            {
                case ReturnStatement ret:
                    output.Add(new AssignStatement(resultName, ret.Value, ret.Note));
                    if (setsFlag)
                    {
                        output.Add(new AssignStatement(Flag(), new BoolConstant(true), SourceNote.None));
                    }

                    returnsAlways = true;
                    return output;
                case IfStatement branch when ContainsReturn(branch):
                    bool thenAlways = AlwaysReturns(branch.Then);
                    bool elseAlways = AlwaysReturns(branch.Else);
                    if ((thenAlways || elseAlways) && nesting < MaxMovedNesting)
                    {
                        // One branch always returns: the rest of the block belongs to the other one alone.
                        List<Stmt> then = NormalizeSequence(thenAlways ? branch.Then : Concat(branch.Then, statements, i + 1), 0, setsFlag, nesting + 1, out bool thenReturns);
                        List<Stmt> otherwise = NormalizeSequence(elseAlways ? branch.Else : Concat(branch.Else, statements, i + 1), 0, setsFlag, nesting + 1, out bool elseReturns);
                        output.Add(branch with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() });
                        returnsAlways = thenReturns && elseReturns;
                        return output;
                    }

                    // Returns on some paths only: set the flag there, and guard the rest of the block.
                    List<Stmt> guardedThen = NormalizeSequence(branch.Then, 0, setsFlag: true, nesting + 1, out _);
                    List<Stmt> guardedElse = NormalizeSequence(branch.Else, 0, setsFlag: true, nesting + 1, out _);
                    output.Add(branch with { Then = guardedThen.ToEquatableArray(), Else = guardedElse.ToEquatableArray() });
                    if (i + 1 < statements.Count)
                    {
                        List<Stmt> rest = NormalizeSequence(statements, i + 1, setsFlag, nesting + 1, out bool restReturns);
                        var notReturned = new Unary(UnaryOperator.Not, new Variable(Flag(), ValueKind.Bool), ValueKind.Bool);
                        output.AddRange(GuardSegments(rest, notReturned));
                        returnsAlways = restReturns;
                    }
                    else
                    {
                        returnsAlways = false;
                    }

                    return output;
                case ForStatement loop when ContainsReturn(loop):
                    // A return inside a loop sets the result and the flag, skips the rest of its
                    // iteration, and the flag stops the loop (and every loop around it) before the next.
                    List<Stmt> body = NormalizeSequence(loop.Body, 0, setsFlag: true, nesting + 1, out _);
                    var returnedFlag = new Variable(Flag(), ValueKind.Bool);
                    output.Add(LoopExits.Add(loop with { Body = body.ToEquatableArray() }, returnedFlag, names));
                    if (i + 1 < statements.Count)
                    {
                        List<Stmt> rest = NormalizeSequence(statements, i + 1, setsFlag, nesting + 1, out bool restReturns);
                        output.AddRange(GuardSegments(rest, new Unary(UnaryOperator.Not, returnedFlag, ValueKind.Bool)));
                        returnsAlways = restReturns;
                    }
                    else
                    {
                        returnsAlways = false;
                    }

                    return output;
                default:
                    output.Add(statements[i]);
                    break;
            }
        }

        returnsAlways = false;
        return output;
    }

    /// <summary>
    /// Wraps the normalised rest of a block in <c>if (!returned)</c>, one guard per segment: a segment
    /// ends after a statement that may set the flag, so the guards sit side by side instead of nesting.
    /// </summary>
    private IEnumerable<Stmt> GuardSegments(List<Stmt> rest, Expr notReturned)
    {
        var segment = new List<Stmt>();
        foreach (Stmt statement in rest)
        {
            if (statement is IfStatement { Condition: Unary { Operator: UnaryOperator.Not, Operand: Variable flag } } inner
                && flag.Name == flagName && inner.Else.Count == 0)
            {
                // Already a guarded segment of the rest: flush ours, keep its guard at this level.
                if (segment.Count > 0)
                {
                    yield return Guard(segment, notReturned);
                    segment = new List<Stmt>();
                }

                yield return inner;
                continue;
            }

            segment.Add(statement);
        }

        if (segment.Count > 0)
        {
            yield return Guard(segment, notReturned);
        }
    }

    private static IfStatement Guard(List<Stmt> segment, Expr notReturned) =>
        new(notReturned, segment.ToEquatableArray(), EquatableArray<Stmt>.Empty, new SourceNote("(the statements after an early return)", 0));

    private string Flag() => flagName ??= names.Allocate("returned");

    private static List<Stmt> Concat(IReadOnlyList<Stmt> head, IReadOnlyList<Stmt> statements, int start)
    {
        var list = new List<Stmt>(head.Count + statements.Count - start);
        list.AddRange(head);
        for (int i = start; i < statements.Count; i++)
        {
            list.Add(statements[i]);
        }

        return list;
    }

    /// <summary>Whether every path through <paramref name="block"/> ends in a <c>return</c> (memoised per statement).</summary>
    private bool AlwaysReturns(IReadOnlyList<Stmt> block)
    {
        foreach (Stmt statement in block)
        {
            if (statement is ReturnStatement)
            {
                return true;
            }

            if (statement is IfStatement branch)
            {
                if (!alwaysReturns.TryGetValue(branch, out bool always))
                {
                    always = AlwaysReturns(branch.Then) && AlwaysReturns(branch.Else);
                    alwaysReturns[branch] = always;
                }

                if (always)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether some path through <paramref name="statement"/> (an <c>if</c> or a loop) returns (memoised per statement).</summary>
    private bool ContainsReturn(Stmt statement)
    {
        if (!containsReturn.TryGetValue(statement, out bool contains))
        {
            IEnumerable<Stmt> inner = statement switch
            {
                IfStatement branch => branch.Then.Concat(branch.Else),
                ForStatement loop => loop.Body,
                _ => Enumerable.Empty<Stmt>(),
            };
            contains = inner.Any(s => s is ReturnStatement || (s is IfStatement or ForStatement && ContainsReturn(s)));
            containsReturn[statement] = contains;
        }

        return contains;
    }
}
