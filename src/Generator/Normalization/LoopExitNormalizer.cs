using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Normalization;

/// <summary>
/// Removes <c>break</c> and <c>continue</c>, so every loop is a <see cref="ForStatement"/> whose
/// iterations either run whole or not at all, and the reverse sweep can replay them:
/// <list type="bullet">
/// <item><c>break</c> sets the loop's carried flag <c>broke</c> (false before the loop), which joins
/// the loop's exit; the exit is tested before the next iteration, so the flag stops the loop exactly
/// where <c>break</c> did.</item>
/// <item>The rest of the iteration after a jump must not run. As in <see cref="ReturnNormalizer"/>: when one
/// branch of an <c>if</c> always jumps, the statements after the <c>if</c> move into the other branch
/// (<c>if (c) continue; rest</c> becomes <c>if (c) { } else { rest }</c>, no flag at all); when it jumps on
/// some paths only, the jump also sets a flag (<c>continue</c>'s <c>skipped</c> is reset at the top of
/// each iteration) and the rest runs under <c>if (!broke &amp;&amp; !skipped)</c>.</item>
/// </list>
/// A jump belongs to its innermost loop; nested loops are normalised on their own.
/// </summary>
internal sealed class LoopExitNormalizer
{
    /// <summary>How deep moving the rest of a body into a branch may nest before the flag form takes over.</summary>
    private const int MaxMovedNesting = 8;

    private readonly NameAllocator names;

    private LoopExitNormalizer(NameAllocator names) => this.names = names;

    public static EquatableArray<Stmt> Normalize(IReadOnlyList<Stmt> body, NameAllocator names) =>
        new LoopExitNormalizer(names).Block(body).ToEquatableArray();

    /// <summary>A block outside the loop being normalised: only nested loops change.</summary>
    private List<Stmt> Block(IEnumerable<Stmt> block)
    {
        var output = new List<Stmt>();
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case ForStatement loop:
                    output.AddRange(Loop(loop));
                    break;
                case IfStatement branch:
                    output.Add(branch with { Then = Block(branch.Then).ToEquatableArray(), Else = Block(branch.Else).ToEquatableArray() });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    /// <summary>The flags of one loop, named when first needed.</summary>
    private sealed class Flags
    {
        public string? Broke { get; set; }

        public string? Skipped { get; set; }
    }

    private IEnumerable<Stmt> Loop(ForStatement loop)
    {
        var flags = new Flags();
        List<Stmt> body = Sequence(loop.Body, 0, flags, setsFlags: false, nesting: 0, out _);
        if (flags.Skipped is not null)
        {
            body.Insert(0, new AssignStatement(flags.Skipped, new BoolConstant(false), SourceNote.None));
        }

        ForStatement normalized = loop with { Body = body.ToEquatableArray() };
        if (flags.Broke is null)
        {
            return new Stmt[] { normalized };
        }

        return new Stmt[]
        {
            new AssignStatement(flags.Broke, new BoolConstant(false), SourceNote.None),
            LoopExits.Add(normalized, new Variable(flags.Broke, ValueKind.Bool), names),
        };
    }

    /// <summary>
    /// Normalises <c>statements[start..]</c> of one iteration. <paramref name="setsFlags"/>: a
    /// <c>continue</c> must set its flag, because an enclosing statement guards what follows it.
    /// </summary>
    private List<Stmt> Sequence(IReadOnlyList<Stmt> statements, int start, Flags flags, bool setsFlags, int nesting, out bool jumpsAlways)
    {
        var output = new List<Stmt>();
        for (int i = start; i < statements.Count; i++)
        {
            switch (statements[i])
            {
                case BreakStatement:
                    flags.Broke ??= names.Allocate("broke");
                    output.Add(new AssignStatement(flags.Broke, new BoolConstant(true), SourceNote.None));
                    jumpsAlways = true;
                    return output;
                case ContinueStatement:
                    if (setsFlags)
                    {
                        flags.Skipped ??= names.Allocate("skipped");
                        output.Add(new AssignStatement(flags.Skipped, new BoolConstant(true), SourceNote.None));
                    }

                    jumpsAlways = true;
                    return output;
                case IfStatement branch when Jumps(branch.Then) || Jumps(branch.Else):
                    bool thenAlways = JumpsAlways(branch.Then);
                    bool elseAlways = JumpsAlways(branch.Else);
                    if ((thenAlways || elseAlways) && nesting < MaxMovedNesting)
                    {
                        // One branch always jumps: the rest of the iteration belongs to the other one alone.
                        List<Stmt> then = Sequence(thenAlways ? branch.Then : Concat(branch.Then, statements, i + 1), 0, flags, setsFlags, nesting + 1, out bool thenJumps);
                        List<Stmt> otherwise = Sequence(elseAlways ? branch.Else : Concat(branch.Else, statements, i + 1), 0, flags, setsFlags, nesting + 1, out bool elseJumps);
                        output.Add(branch with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() });
                        jumpsAlways = thenJumps && elseJumps;
                        return output;
                    }

                    // Jumps on some paths only: set the flags there, and guard the rest of the iteration.
                    List<Stmt> guardedThen = Sequence(branch.Then, 0, flags, setsFlags: true, nesting + 1, out _);
                    List<Stmt> guardedElse = Sequence(branch.Else, 0, flags, setsFlags: true, nesting + 1, out _);
                    output.Add(branch with { Then = guardedThen.ToEquatableArray(), Else = guardedElse.ToEquatableArray() });
                    Expr guard = NoJump(flags);
                    List<Stmt> rest = Sequence(statements, i + 1, flags, setsFlags, nesting + 1, out _);
                    if (rest.Count > 0)
                    {
                        output.Add(new IfStatement(guard, rest.ToEquatableArray(), EquatableArray<Stmt>.Empty, new SourceNote("(the rest of the iteration after a break or continue)", 0)));
                    }

                    jumpsAlways = false;
                    return output;
                case ForStatement loop:
                    output.AddRange(Loop(loop));
                    break;
                case IfStatement branch:
                    output.Add(branch with { Then = Block(branch.Then).ToEquatableArray(), Else = Block(branch.Else).ToEquatableArray() });
                    break;
                default:
                    output.Add(statements[i]);
                    break;
            }
        }

        jumpsAlways = false;
        return output;
    }

    /// <summary><c>!broke &amp;&amp; !skipped</c> over the flags set so far.</summary>
    private static Expr NoJump(Flags flags)
    {
        Expr? condition = null;
        foreach (string? flag in new[] { flags.Broke, flags.Skipped })
        {
            if (flag is null)
            {
                continue;
            }

            Expr not = new Unary(UnaryOperator.Not, new Variable(flag, ValueKind.Bool), ValueKind.Bool);
            condition = condition is null ? not : new Binary(BinaryOperator.And, condition, not, ValueKind.Bool);
        }

        return condition ?? new BoolConstant(true);
    }

    /// <summary>Whether some path through the block jumps (in this loop: nested loops own their jumps).</summary>
    private static bool Jumps(IEnumerable<Stmt> block) =>
        StatementWalker.All(block, intoLoops: false).Any(statement => statement is BreakStatement or ContinueStatement);

    /// <summary>Whether every path through the block jumps.</summary>
    private static bool JumpsAlways(IEnumerable<Stmt> block) => block.Any(statement => statement switch
    {
        BreakStatement or ContinueStatement => true,
        IfStatement branch => JumpsAlways(branch.Then) && JumpsAlways(branch.Else),
        _ => false,
    });

    private static List<Stmt> Concat(IReadOnlyList<Stmt> head, IReadOnlyList<Stmt> statements, int start)
    {
        var list = new List<Stmt>(head);
        for (int i = start; i < statements.Count; i++)
        {
            list.Add(statements[i]);
        }

        return list;
    }
}

/// <summary>Adds a reason to stop to a loop's exit.</summary>
internal static class LoopExits
{
    /// <summary>
    /// <paramref name="flag"/> joins the exit, tested first (after a <c>break</c> or <c>return</c>, the loop's
    /// own condition may no longer be safe to evaluate); the loop gets a name for where it stopped.
    /// </summary>
    public static ForStatement Add(ForStatement loop, Expr flag, NameAllocator names) => loop with
    {
        Exit = loop.Exit is null ? flag : new Binary(BinaryOperator.Or, flag, loop.Exit, ValueKind.Bool),
        Stop = loop.Stop ?? names.Allocate(loop.Counter + "Stop"),
    };
}
