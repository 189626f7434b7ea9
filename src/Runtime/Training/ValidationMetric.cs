using System;
using SymGrad.Data;

namespace SymGrad.Training
{
    /// <summary>Scores parameters on a validation set, for early stopping and reporting.</summary>
    /// <param name="parameters">The current parameters.</param>
    /// <param name="validation">The validation data.</param>
    /// <returns>The metric; whether lower or higher is better is set by <see cref="TrainerOptions.HigherValidationIsBetter"/>.</returns>
    public delegate double ValidationMetric(ReadOnlySpan<double> parameters, DataSet validation);
}
