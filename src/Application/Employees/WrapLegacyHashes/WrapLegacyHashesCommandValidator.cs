using FluentValidation;

namespace FastApiLearning.Application.Employees.WrapLegacyHashes;

public sealed class WrapLegacyHashesCommandValidator : AbstractValidator<WrapLegacyHashesCommand>
{
    public const int MaxBatchSize = 10_000;

    public WrapLegacyHashesCommandValidator()
    {
        RuleFor(c => c.BatchSize)
            .InclusiveBetween(1, MaxBatchSize).WithMessage($"batch size must be between 1 and {MaxBatchSize}")
            .OverridePropertyName("batchSize");
    }
}
