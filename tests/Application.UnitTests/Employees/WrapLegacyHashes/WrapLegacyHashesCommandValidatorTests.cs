using FastApiLearning.Application.Employees.WrapLegacyHashes;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.WrapLegacyHashes;

public sealed class WrapLegacyHashesCommandValidatorTests
{
    private readonly WrapLegacyHashesCommandValidator _validator = new();

    [TestCase(1)]
    [TestCase(500)]
    [TestCase(10_000)]
    public void Validate_WhenBatchSizeIsWithinBounds_HasNoErrors(int batchSize)
    {
        // Act
        var result = _validator.TestValidate(new WrapLegacyHashesCommand(batchSize));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenBatchSizeIsTheDefault_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(new WrapLegacyHashesCommand());

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(10_001)]
    [TestCase(int.MaxValue)]
    public void Validate_WhenBatchSizeIsOutOfBounds_HasBatchSizeError(int batchSize)
    {
        // Act
        var result = _validator.TestValidate(new WrapLegacyHashesCommand(batchSize));

        // Assert
        result.ShouldHaveValidationErrorFor("batchSize")
            .WithErrorCode("InclusiveBetweenValidator")
            .WithErrorMessage("batch size must be between 1 and 10000")
            .Only();
    }
}
