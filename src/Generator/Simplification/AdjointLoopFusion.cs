using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Keeps an adjoint array's elements in a local across the reverse loops that update them (issue 12; docs/how-it-works.md,
/// "Adjoint loops fused"). The reverse of a row's loops over its classes is one loop per source loop, and the adjoint of a
/// row's scratch array (softmax regression's <c>dz</c>) passes through memory between them: the loss's loop adds
/// <c>dz[c] -= dDifference</c>, the exp's loop <c>dz[c] += dSumExp * exp</c>, the logits' loop reads <c>dz[c]</c> and zeroes
/// it. In row lanes each of those is a vector load and store per class and row group. Three steps, each keeping every
/// element's operations and their order, so every value keeps its bits:
/// <list type="number">
/// <item><b>Sink</b>: an update <c>a[c] += e</c> of a loop moves to the start of the first later loop that touches <c>a</c>,
/// over the same counter values (either direction), when nothing else in its loop or between the two loops mentions
/// <c>a</c>, the later loop touches <c>a</c> only at its own counter, and <c>e</c> reads nothing either loop or the
/// statements between them write (the locals of its own iteration it reads are computed again there, under fresh
/// names). The loop it leaves keeps its ordered sums (<c>dLse += dDifference</c>). Only for an array step 3 can take.</item>
/// <item><b>Fuse</b>: two adjacent loops with the same header become one when every array one writes and the other
/// mentions is touched by both only at the counter, no scalar one assigns is mentioned by the other, at most one uses
/// the tape, and neither calls out or exits early. Iteration c of the second then runs right after iteration c of the
/// first; it read nothing the first's later iterations write.</item>
/// <item><b>Keep in a local</b>: a zero-initialised array of the generator's own (not a user's local) that the whole
/// method touches only in one loop, at its counter and outside the loops nested in it, with that loop's body ending the
/// element's use by setting it to 0, is zero whenever an iteration starts: its element becomes a local that starts at
/// 0.0, and the array goes. Not when the element scales a row of the block in a nested loop (row lanes keep those outer
/// products for whole tiles).</item>
/// </list>
/// Runs on the gradient and the pullback after simplification (the forward-mode methods are built from the simplified
/// gradient before it), before row tiling, so the scalar rows and the row lanes print the same loops.
/// </summary>
internal static class AdjointLoopFusion
{
    private const string FusedNote = "(fused into this loop: both touch the arrays they share only at the element of their own iteration)";

    public static DerivativeSet Apply(DerivativeSet set) => set.Map(Apply);

    public static GradientModel Apply(GradientModel model)
    {
        var context = new Context(model);
        if (context.Zeroed.Count == 0)
        {
            return model;
        }

        List<CodeStmt> forward = Block(model.Forward, context);
        List<CodeStmt> reverse = Block(model.Reverse, context);
        return context.Changed ? KeepInLocals(model with { Forward = forward.ToEquatableArray(), Reverse = reverse.ToEquatableArray() }, context) : model;
    }

    /// <summary>Sinks and fuses in a block and, first, in every block nested in it.</summary>
    private static List<CodeStmt> Block(IEnumerable<CodeStmt> block, Context context)
    {
        List<CodeStmt> statements = block.Select(s => s switch
        {
            CodeFor f => f with { Body = Block(f.Body, context).ToEquatableArray() },
            CodeIf i => i with { Then = Block(i.Then, context).ToEquatableArray(), Else = Block(i.Else, context).ToEquatableArray() },
            _ => s,
        }).ToList();
        while (SinkOne(statements, context) || FuseOne(statements, context))
        {
            context.Changed = true;
        }

        return statements;
    }

    private static bool SinkOne(List<CodeStmt> statements, Context context)
    {
        for (int first = 0; first < statements.Count; first++)
        {
            if (statements[first] is not CodeFor { Exit: null } source || !IsPlain(source.Body))
            {
                continue;
            }

            for (int t = 0; t < source.Body.Count; t++)
            {
                if (source.Body[t] is not CodeAddTo { Index: Variable index } update || index.Name != source.Counter || !context.Zeroed.Contains(update.Name))
                {
                    continue;
                }

                // Straight to the first later loop that touches the array (a loop that does not would only pass it on).
                int next = statements.FindIndex(first + 1, s => s is CodeFor && CodeWalker.All(new[] { s }).Any(n => Mentions(n, update.Name)));
                if (next < 0 || statements[next] is not CodeFor { Exit: null } target || !IsPlain(target.Body) || !SameValues(source, target))
                {
                    continue;
                }

                List<CodeStmt> between = statements.GetRange(first + 1, next - first - 1);
                if (IsPlain(between) && IsScratchAdjoint(update.Name, statements, first, next, context)
                    && Sinkable(update, t, source, between, target) is { } needed)
                {
                    CodeFor left = source with { Body = source.Body.Where((_, k) => k != t).ToEquatableArray() };
                    statements[next] = target with { Body = Sunk(update, needed, source, target, context.Names).Prepend(MovedNote(source.Body, needed, t, update.Name)).Concat(target.Body).ToEquatableArray() };
                    if (left.Body.Any(s => s is not (CodeComment or CodeBlankLine)))
                    {
                        statements[first] = left;
                    }
                    else
                    {
                        statements.RemoveAt(first);
                    }

                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether moving updates of the array can end with it in a local (step 3): it starts at zero, and every mention the
    /// method makes of it is in the block's statements from <paramref name="from"/> to the first loop from
    /// <paramref name="next"/> on that ends its elements' use by zeroing them. Other arrays stay where they are: moving their
    /// updates would only trade a loop (perhaps a kernel call) for work in another.
    /// </summary>
    private static bool IsScratchAdjoint(string array, List<CodeStmt> statements, int from, int next, Context context)
    {
        int zeroing = statements.FindIndex(next, s => s is CodeFor loop && Zeroes(loop.Body, array, loop.Counter));
        return zeroing >= 0 && CanKeep((CodeFor)statements[zeroing], array) && !HasOuterProductWithARow(((CodeFor)statements[zeroing]).Body, statements)
            && CodeWalker.All(statements.GetRange(from, zeroing - from + 1)).Count(s => Mentions(s, array)) == context.Mentions(array);
    }

    /// <summary>What the steps know of the whole method: its arrays that start at zero, how many statements mention each name, fresh names.</summary>
    private sealed class Context
    {
        private readonly Dictionary<string, int> mentions = new();

        private readonly GradientModel model;
        private NameAllocator? names;

        public Context(GradientModel model)
        {
            this.model = model;
            List<CodeStmt> everything = CodeWalker.All(model.Forward).Concat(CodeWalker.All(model.Reverse)).ToList();
            Zeroed = new HashSet<string>(ZeroedArrays(everything, model.Method));
            if (Zeroed.Count == 0)
            {
                // Nothing to fuse (Apply returns the model as it is): no mentions to count, no names to allocate.
                return;
            }

            foreach (CodeStmt statement in everything)
            {
                foreach (string name in Zeroed)
                {
                    if (AdjointLoopFusion.Mentions(statement, name))
                    {
                        mentions[name] = mentions.TryGetValue(name, out int count) ? count + 1 : 1;
                    }
                }
            }
        }

        /// <summary>The model's names, read when a fusion first needs a new one.</summary>
        public NameAllocator Names => names ??= Naming.Names.Avoiding(model);

        public HashSet<string> Zeroed { get; }

        public bool Changed { get; set; }

        public int Mentions(string array) => mentions.TryGetValue(array, out int count) ? count : 0;
    }

    /// <summary>
    /// Whether a loop of <paramref name="block"/> holds a loop that reads a row of the block's own (an array the block
    /// writes): an outer product with a private row (the two-layer network's <c>dw2[c * h + j] += dZElement * a[j]</c>),
    /// which row lanes keep for whole tiles (<c>Vectorization/RowKeptProducts</c>) when <c>dZElement</c> is an element
    /// of an array; from a local it would be added group by group, slower. Products with rows the block does not
    /// write (softmax's <c>x</c>) become tile kernels either way.
    /// </summary>
    private static bool HasOuterProductWithARow(IEnumerable<CodeStmt> body, IEnumerable<CodeStmt> block)
    {
        var rows = new HashSet<string>(CodeWalker.All(block).Select(s => s switch { CodeAssign { Index: not null } a => a.Name, CodeAddTo { Index: not null } a => a.Name, _ => null }).OfType<string>());
        return CodeWalker.All(body).OfType<CodeFor>().Any(inner => CodeWalker.All(inner.Body).SelectMany(CodeWalker.ExpressionsOf)
            .Any(e => ExprRewriter.Contains(e, x => x is ElementRead r && rows.Contains(r.Array))));
    }

    /// <summary>
    /// The generator's own arrays (not the method's locals: a user's array keeps its declaration, and with it the
    /// exceptions of its length) declared once, zeroed (a local array, on the stack only where the method zeroes its
    /// locals, or a rented, cleared buffer), never allocated again, and zeroed at a loop's counter somewhere: the arrays
    /// step 3 may take.
    /// </summary>
    private static IEnumerable<string> ZeroedArrays(List<CodeStmt> everything, MethodModel method)
    {
        var declared = everything.Select(s => s switch
        {
            CodeArrayDeclare { Deferred: false } d when !d.StackAlloc || method.ZeroedStack => d.Name,
            CodeRentBuffer { Declaration: BufferStep.DeclareAndRent } r => r.Name,
            _ => null,
        }).OfType<string>().ToList();
        var excluded = new HashSet<string>(everything.OfType<CodeArrayAllocate>().Select(a => a.Name).Concat(method.LocalNames));
        var zeroedInLoops = new HashSet<string>(everything.OfType<CodeFor>().SelectMany(loop => loop.Body.Select(s => ZeroedAt(s, loop.Counter)).OfType<string>()));
        return declared.GroupBy(n => n).Where(g => g.Count() == 1 && !excluded.Contains(g.Key) && zeroedInLoops.Contains(g.Key)).Select(g => g.Key);
    }

    /// <summary>The declarations of <paramref name="source"/>'s iteration the update reads (in order), or null when it cannot move.</summary>
    private static List<CodeDeclare>? Sinkable(CodeAddTo update, int at, CodeFor source, List<CodeStmt> between, CodeFor target)
    {
        string array = update.Name;
        List<CodeStmt> sourceAll = CodeWalker.All(source.Body);
        if (sourceAll.Where((s, k) => !ReferenceEquals(s, update)).Any(s => Mentions(s, array))
            || CodeWalker.All(between).Any(s => Mentions(s, array))
            || !OnlyAtCounter(CodeWalker.All(target.Body), array, target.Counter))
        {
            return null;
        }

        var writtenElsewhere = new HashSet<string>(Assigned(sourceAll).Concat(Assigned(CodeWalker.All(between))).Concat(Assigned(CodeWalker.All(target.Body))));
        var needed = new List<CodeDeclare>();
        var pending = new Stack<Expr>(new[] { update.Value });
        while (pending.Count > 0)
        {
            Expr value = pending.Pop();
            if (ExprRewriter.CallsOut(value) || ExprRewriter.Contains(value, e => e is TapePop or VectorCall))
            {
                return null;
            }

            foreach (string name in ExprRewriter.VariablesAndArrays(value).Distinct())
            {
                if (name == source.Counter || needed.Any(d => d.Name == name))
                {
                    continue;
                }

                int declared = IndexOfDeclaration(source.Body, name, at);
                if (declared >= 0)
                {
                    var declaration = (CodeDeclare)source.Body[declared];
                    if (sourceAll.Any(s => s is CodeAssign { Index: null } a && a.Name == name || s is CodeAddTo { Index: null } b && b.Name == name))
                    {
                        return null;
                    }

                    needed.Add(declaration);
                    pending.Push(declaration.Value);
                }
                else if (writtenElsewhere.Contains(name) || name == target.Counter)
                {
                    return null;
                }
            }
        }

        return needed.OrderBy(d => IndexOfDeclaration(source.Body, d.Name, at)).ToList();
    }

    /// <summary>The comment over the moved statements: the source line the update's loop body gave for them.</summary>
    private static CodeComment MovedNote(EquatableArray<CodeStmt> body, List<CodeDeclare> needed, int at, string array)
    {
        int first = needed.Count == 0 ? at : IndexOfDeclaration(body, needed[0].Name, at);
        string? line = body.Take(first).OfType<CodeComment>().LastOrDefault()?.Text;
        return new CodeComment((line is null ? string.Empty : line + "  ") + "(its update of " + array + ", moved here from an earlier loop over the same elements: this loop is the next to touch " + array + ")", IsHeading: true);
    }

    /// <summary>The moved update, after the declarations it reads computed again under fresh names, at <paramref name="target"/>'s counter.</summary>
    private static IEnumerable<CodeStmt> Sunk(CodeAddTo update, List<CodeDeclare> needed, CodeFor source, CodeFor target, NameAllocator names)
    {
        var map = new Dictionary<string, string> { [source.Counter] = target.Counter };
        foreach (CodeDeclare declaration in needed)
        {
            string fresh = names.Allocate(declaration.Name);
            Expr value = ExprRewriter.Rename(declaration.Value, map);
            map[declaration.Name] = fresh;
            yield return new CodeDeclare(fresh, declaration.Kind, value);
        }

        yield return new CodeAddTo(update.Name, ExprRewriter.Rename(update.Value, map), new Variable(target.Counter, ValueKind.Int));
    }

    private static bool FuseOne(List<CodeStmt> statements, Context context)
    {
        for (int first = 0; first < statements.Count; first++)
        {
            if (statements[first] is not CodeFor { Exit: null } one || !IsPlain(one.Body))
            {
                continue;
            }

            int next = first + 1;
            while (next < statements.Count && statements[next] is CodeComment or CodeBlankLine)
            {
                next++;
            }

            if (next >= statements.Count || statements[next] is not CodeFor { Exit: null } other || !IsPlain(other.Body)
                || other.Descending != one.Descending || !Equals(other.Start, one.Start) || !Equals(other.End, one.End))
            {
                continue;
            }

            // The cheap test first: the second loop zeroes, at its counter, an array that can start at zero.
            if (!other.Body.Any(s => ZeroedAt(s, other.Counter) is { } zeroed && context.Zeroed.Contains(zeroed))
                || CodeWalker.DeclaredNames(one.Body).Contains(other.Counter) || CodeWalker.DeclaredNames(other.Body).Contains(one.Counter))
            {
                continue;
            }

            EquatableArray<CodeStmt> otherBody = other.Counter == one.Counter ? other.Body : RenameAll(other.Body, other.Counter, one.Counter);
            if (!KeepsAnArray(one.Body, otherBody, one.Counter, statements, context) || !CanFuse(one.Body, otherBody, one.Counter))
            {
                continue;
            }

            List<CodeStmt> notes = statements.GetRange(first + 1, next - first - 1);
            // Headings: the comment of the loop's source line is followed by the comments of its body's lines, not by code.
            List<CodeStmt> heading = notes.OfType<CodeComment>().Select(c => (CodeStmt)new CodeComment(c.Text.StartsWith("Line ", System.StringComparison.Ordinal) ? c.Text + "  " + FusedNote : c.Text, IsHeading: true)).ToList();
            CodeFor fused = one with { Body = one.Body.Append(CodeBlankLine.Instance).Concat(heading).Concat(otherBody.SkipWhile(s => s is CodeBlankLine)).ToEquatableArray() };
            statements.RemoveRange(first, next - first + 1);
            statements.Insert(first, fused);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Whether fusing the loops lets step 3 keep an array in a local: one both touch that starts at zero, that no other
    /// statement of the method mentions, and that the second loop zeroes at its counter. Other loops stay as written (the
    /// forward sweep's above all, and loops printed as kernel calls).
    /// </summary>
    private static bool KeepsAnArray(EquatableArray<CodeStmt> one, EquatableArray<CodeStmt> other, string counter, List<CodeStmt> block, Context context)
    {
        List<CodeStmt> first = CodeWalker.All(one), both = first.Concat(CodeWalker.All(other)).ToList();
        var fused = new CodeFor(counter, new IntConstant(0), new IntConstant(0), false, one.Concat(other).ToEquatableArray());
        return !HasOuterProductWithARow(one, block) && !HasOuterProductWithARow(other, block) && context.Zeroed.Any(array => CanKeep(fused, array) && Zeroes(other, array, counter)
            && first.Any(s => Mentions(s, array)) && both.Count(s => Mentions(s, array)) == context.Mentions(array));
    }

    private static bool CanFuse(EquatableArray<CodeStmt> one, EquatableArray<CodeStmt> other, string counter)
    {
        List<CodeStmt> first = CodeWalker.All(one), second = CodeWalker.All(other);
        if ((first.Any(TapeUse) && second.Any(TapeUse))
            || CodeWalker.DeclaredNames(one).Intersect(CodeWalker.DeclaredNames(other)).Any())
        {
            return false;
        }

        // A scalar one loop assigns (a sum it carries) may not be touched by the other.
        var declared = new HashSet<string>(CodeWalker.DeclaredNames(one).Concat(CodeWalker.DeclaredNames(other)));
        HashSet<string> firstScalars = Scalars(first, declared), secondScalars = Scalars(second, declared);
        if (firstScalars.Any(n => second.Any(s => Mentions(s, n))) || secondScalars.Any(n => first.Any(s => Mentions(s, n))))
        {
            return false;
        }

        // An array one writes and the other mentions: both touch it only at the counter.
        IEnumerable<string> written = first.Concat(second).Select(s => s switch { CodeAssign { Index: not null } a => a.Name, CodeAddTo { Index: not null } a => a.Name, _ => null }).OfType<string>();
        return written.Distinct().All(array => !(first.Any(s => Mentions(s, array)) && second.Any(s => Mentions(s, array)))
            || (OnlyAtCounter(first, array, counter) && OnlyAtCounter(second, array, counter)));
    }

    /// <summary>Step 3 over the whole method: arrays that only one loop touches, at its counter, ending each element at 0.</summary>
    private static GradientModel KeepInLocals(GradientModel model, Context context)
    {
        List<CodeStmt> everything = CodeWalker.All(model.Forward).Concat(CodeWalker.All(model.Reverse)).ToList();
        var candidates = everything.OfType<CodeFor>().SelectMany(loop => loop.Body.Select(s => ZeroedAt(s, loop.Counter)).OfType<string>().Select(array => (Loop: loop, Array: array))).ToList();
        foreach ((CodeFor loop, string array) in candidates)
        {
            if (!context.Zeroed.Contains(array) || !CanKeep(loop, array))
            {
                continue;
            }

            List<CodeStmt> declarations = everything.Where(s => s is CodeArrayDeclare { Deferred: false } d && d.Name == array || s is CodeRentBuffer { Declaration: BufferStep.DeclareAndRent } r && r.Name == array).ToList();
            var inside = new HashSet<object>(CodeWalker.All(loop.Body).Concat(declarations), ReferenceComparer.Instance);
            if (declarations.Count != 1 || everything.Any(s => !inside.Contains(s) && Mentions(s, array))
                || HasOuterProductWithARow(loop.Body, ContainingBlock(model.Forward, loop) ?? ContainingBlock(model.Reverse, loop) ?? loop.Body))
            {
                continue;
            }

            int last = LastIndex(loop.Body, s => Mentions(s, array));
            string local = context.Names.Allocate(array + "Value");
            var body = new List<CodeStmt>
            {
                new CodeComment(array + "[" + loop.Counter + "] in " + local + ": no other code touches " + array + ", and every iteration left its element at 0, so it starts at 0"),
                new CodeDeclare(local, ValueKind.Double, Constant.Zero),
            };
            body.AddRange(loop.Body.Where((_, k) => k != last).Select(s => ToLocal(s, array, local)));
            CodeFor replaced = loop with { Body = body.ToEquatableArray() };
            CodeStmt declaration = declarations[0];
            GradientModel next = model with
            {
                Forward = Replace(model.Forward, loop, replaced, declaration).ToEquatableArray(),
                Reverse = Replace(model.Reverse, loop, replaced, declaration).ToEquatableArray(),
                RentedBuffers = declaration is CodeRentBuffer rent ? model.RentedBuffers.Where(b => b != rent.BufferName).ToEquatableArray() : model.RentedBuffers,
            };
            return KeepInLocals(next, context);
        }

        return model;
    }

    /// <summary>The array whose element at the counter the statement sets to 0 (<c>a[c] = 0.0;</c>), or null.</summary>
    private static string? ZeroedAt(CodeStmt statement, string counter) =>
        statement is CodeAssign { Index: Variable i, Value: Constant { Value: 0.0 } } zero && i.Name == counter ? zero.Name : null;

    /// <summary>Whether the body sets the array's element at the counter to 0 at its top level.</summary>
    private static bool Zeroes(IEnumerable<CodeStmt> body, string array, string counter) => body.Any(s => ZeroedAt(s, counter) == array);

    /// <summary>
    /// What step 3 asks of the loop itself: no exit, every mention of the array in its body at its counter and outside any
    /// loop nested in it (those are printed as they are), and the last statement that mentions it a top-level zeroing.
    /// </summary>
    private static bool CanKeep(CodeFor loop, string array)
    {
        int last = LastIndex(loop.Body, s => Mentions(s, array));
        return loop.Exit is null && last >= 0 && ZeroedAt(loop.Body[last], loop.Counter) == array
            && OnlyAtCounter(CodeWalker.All(loop.Body), array, loop.Counter)
            && !CodeWalker.All(loop.Body).Any(s => s is CodeFor inner && CodeWalker.All(inner.Body).Any(n => Mentions(n, array)));
    }

    /// <summary>The block that holds <paramref name="loop"/> itself (found by reference), or null.</summary>
    private static IReadOnlyList<CodeStmt>? ContainingBlock(IReadOnlyList<CodeStmt> block, CodeFor loop)
    {
        if (block.Any(s => ReferenceEquals(s, loop)))
        {
            return block;
        }

        foreach (CodeStmt statement in block)
        {
            IReadOnlyList<CodeStmt>? found = statement switch
            {
                CodeFor f => ContainingBlock(f.Body, loop),
                CodeIf i => ContainingBlock(i.Then, loop) ?? ContainingBlock(i.Else, loop),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static CodeStmt ToLocal(CodeStmt statement, string array, string local)
    {
        Expr R(Expr e) => ExprRewriter.Rewrite(e, x => x is ElementRead r && r.Array == array ? new Variable(local, ValueKind.Double) : x);
        return statement switch
        {
            CodeAssign a when a.Name == array => new CodeAssign(local, R(a.Value)),
            CodeAddTo a when a.Name == array => new CodeAddTo(local, R(a.Value)),
            CodeAssign a => a with { Value = R(a.Value), Index = a.Index is null ? null : R(a.Index) },
            CodeAddTo a => a with { Value = R(a.Value), Index = a.Index is null ? null : R(a.Index) },
            CodeDeclare d => d with { Value = R(d.Value) },
            CodeIf i => i with { Condition = R(i.Condition), Then = i.Then.Select(s => ToLocal(s, array, local)).ToEquatableArray(), Else = i.Else.Select(s => ToLocal(s, array, local)).ToEquatableArray() },
            CodeTapePush p => p with { Value = R(p.Value) },
            _ => statement,
        };
    }

    private static IEnumerable<CodeStmt> Replace(IEnumerable<CodeStmt> block, CodeFor loop, CodeFor replaced, CodeStmt removed)
    {
        foreach (CodeStmt statement in block)
        {
            if (ReferenceEquals(statement, removed))
            {
                continue;
            }

            yield return ReferenceEquals(statement, loop) ? replaced : statement switch
            {
                CodeFor f => f with { Body = Replace(f.Body, loop, replaced, removed).ToEquatableArray() },
                CodeIf i => i with { Then = Replace(i.Then, loop, replaced, removed).ToEquatableArray(), Else = Replace(i.Else, loop, replaced, removed).ToEquatableArray() },
                _ => statement,
            };
        }
    }

    /// <summary>Whether the loops take the same counter values: the same header, or one counting up over what the other counts down.</summary>
    private static bool SameValues(CodeFor one, CodeFor other)
    {
        if (one.Descending == other.Descending)
        {
            return Equals(one.Start, other.Start) && Equals(one.End, other.End);
        }

        (CodeFor up, CodeFor down) = one.Descending ? (other, one) : (one, other);
        return Equals(down.End, up.Start) && IsOneLess(down.Start, up.End);
    }

    private static bool IsOneLess(Expr value, Expr of) =>
        value is Binary { Operator: BinaryOperator.Subtract, Right: IntConstant { Value: 1 } } minus && Equals(minus.Left, of)
        || value is IntConstant a && of is IntConstant b && a.Value == b.Value - 1;

    /// <summary>Whether a block holds only statements the steps understand (no kernels, checks, tiles or calls).</summary>
    private static bool IsPlain(IEnumerable<CodeStmt> block) =>
        CodeWalker.All(block).All(s => s is CodeDeclare or CodeAssign or CodeAddTo or CodeIf or CodeFor { Exit: null } or CodeComment or CodeBlankLine or CodeTapePush
            && !CodeWalker.ExpressionsOf(s).Any(e => ExprRewriter.CallsOut(e) || ExprRewriter.Contains(e, x => x is ArrayArgument or VectorCall)));

    private static bool TapeUse(CodeStmt statement) =>
        statement is CodeTapePush || CodeWalker.ExpressionsOf(statement).Any(e => ExprRewriter.Contains(e, x => x is TapePop));

    private static bool Mentions(CodeStmt statement, string name) =>
        statement switch
        {
            CodeAssign a => a.Name == name,
            CodeAddTo a => a.Name == name,
            CodeDeclare d => d.Name == name,
            CodeFor f => f.Counter == name,
            CodeClear c => c.Name == name,
            CodeArrayAllocate a => a.Name == name,
            CodeInvoke call => call.Arguments.Any(a => ExprRewriter.Reads(a.Value, name)),
            _ => false,
        }
        || CodeWalker.ExpressionsOf(statement).Any(e => ExprRewriter.Reads(e, name));

    /// <summary>Whether every element of <paramref name="array"/> the statements read or write is at the counter itself.</summary>
    private static bool OnlyAtCounter(IEnumerable<CodeStmt> statements, string array, string counter)
    {
        bool AtCounter(Expr? index) => index is Variable v && v.Name == counter;
        bool ReadsOk(Expr e) => !ExprRewriter.Contains(e, x => x is ElementRead r && r.Array == array && !AtCounter(r.Index) || x is LengthOf l && l.Array == array || x is VectorCall v && (v.First == array || v.Second == array));
        return statements.All(s => s switch
        {
            CodeAssign a when a.Name == array => AtCounter(a.Index) && ReadsOk(a.Value),
            CodeAddTo a when a.Name == array => AtCounter(a.Index) && ReadsOk(a.Value),
            CodeDeclare d when d.Name == array => false,
            CodeClear c when c.Name == array => false,
            CodeInvoke call => call.Arguments.All(a => !ExprRewriter.Reads(a.Value, array)),
            _ => CodeWalker.ExpressionsOf(s).All(ReadsOk),
        });
    }

    /// <summary>The scalars the statements assign but do not declare.</summary>
    private static HashSet<string> Scalars(IEnumerable<CodeStmt> statements, HashSet<string> declared) =>
        new(statements.Select(s => s switch { CodeAssign { Index: null } a => a.Name, CodeAddTo { Index: null } a => a.Name, _ => null }).OfType<string>().Where(n => !declared.Contains(n)));

    /// <summary>Every name the statements assign (scalars and arrays), declarations included.</summary>
    private static IEnumerable<string> Assigned(IEnumerable<CodeStmt> statements) =>
        statements.Select(s => s switch { CodeAssign a => a.Name, CodeAddTo a => a.Name, CodeDeclare d => d.Name, CodeFor f => f.Counter, _ => null }).OfType<string>();

    private static int IndexOfDeclaration(EquatableArray<CodeStmt> body, string name, int before)
    {
        for (int k = 0; k < before; k++)
        {
            if (body[k] is CodeDeclare d && d.Name == name)
            {
                return k;
            }
        }

        return -1;
    }

    private static int LastIndex(EquatableArray<CodeStmt> body, System.Func<CodeStmt, bool> test)
    {
        for (int k = body.Count - 1; k >= 0; k--)
        {
            if (CodeWalker.All(new[] { body[k] }).Any(test))
            {
                return k;
            }
        }

        return -1;
    }

    private static EquatableArray<CodeStmt> RenameAll(EquatableArray<CodeStmt> block, string oldName, string newName)
    {
        var map = new Dictionary<string, string> { [oldName] = newName };
        Expr R(Expr e) => ExprRewriter.Rename(e, map);
        CodeStmt S(CodeStmt s) => s switch
        {
            CodeDeclare d => d with { Value = R(d.Value) },
            CodeAssign a => a with { Value = R(a.Value), Index = a.Index is null ? null : R(a.Index) },
            CodeAddTo a => a with { Value = R(a.Value), Index = a.Index is null ? null : R(a.Index) },
            CodeIf i => i with { Condition = R(i.Condition), Then = i.Then.Select(S).ToEquatableArray(), Else = i.Else.Select(S).ToEquatableArray() },
            CodeFor f => f with { Start = R(f.Start), End = R(f.End), Body = f.Body.Select(S).ToEquatableArray() },
            CodeTapePush p => p with { Value = R(p.Value) },
            _ => s,
        };
        return block.Select(S).ToEquatableArray();
    }
}
