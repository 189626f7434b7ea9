using System;
using SymGrad.Data;

namespace SymGrad.Training
{
    /// <summary>
    /// Computes the loss of a mini-batch and writes its gradient with respect to the parameters: the shape of a generated
    /// <c>{Name}Gradient</c> method over a batch. The trainer clears <paramref name="gradient"/> before each call, so an
    /// implementation may either overwrite or accumulate into it. Adapt a generated method with a one-line lambda, for example
    /// <c>(w, b, g) =&gt; Model.LossGradient(w, b.Features, b.Targets, b.RowCount, b.FeatureCount, g)</c>.
    /// </summary>
    /// <param name="parameters">The current parameters (read only).</param>
    /// <param name="batch">The mini-batch; its spans are valid only during the call.</param>
    /// <param name="gradient">Receives d loss / d parameters, same length as the parameters.</param>
    /// <returns>The batch loss (normally the mean over the batch's rows).</returns>
    public delegate double LossAndGradient(ReadOnlySpan<double> parameters, Batch batch, Span<double> gradient);
}
