using FastApiLearning.Application.Common.Behaviors;
using FluentValidation;
using Mediator;

namespace FastApiLearning.Application.UnitTests.Common.Behaviors;

public sealed class ValidationBehaviorTests
{
    private int _nextCalls;

    [SetUp]
    public void SetUp() => _nextCalls = 0;

    [Test]
    public async Task Handle_WhenThereAreNoValidators_CallsNext()
    {
        // Arrange
        var behavior = new ValidationBehavior<PingCommand, string>([]);

        // Act
        var response = await behavior.Handle(new PingCommand(""), Next, CancellationToken.None);

        // Assert
        Assert.That(_nextCalls, Is.EqualTo(1));
        Assert.That(response, Is.EqualTo("pong "));
    }

    [Test]
    public async Task Handle_WhenValidatorPasses_CallsNextAndReturnsItsResponse()
    {
        // Arrange
        var behavior = new ValidationBehavior<PingCommand, string>([new PingCommandValidator()]);

        // Act
        var response = await behavior.Handle(new PingCommand("world"), Next, CancellationToken.None);

        // Assert
        Assert.That(_nextCalls, Is.EqualTo(1));
        Assert.That(response, Is.EqualTo("pong world"));
    }

    [Test]
    public async Task Handle_WhenValidatorFails_ThrowsValidationExceptionWithFailures()
    {
        // Arrange
        var behavior = new ValidationBehavior<PingCommand, string>([new PingCommandValidator()]);

        // Act
        var exception = await Assert.ThrowsAsync<ValidationException>(
            async () => await behavior.Handle(new PingCommand(""), Next, CancellationToken.None));

        // Assert
        Assert.That(exception?.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[]
        {
            ("name", "name is required"),
        }));
    }

    [Test]
    public async Task Handle_WhenValidatorFails_DoesNotCallNext()
    {
        // Arrange
        var behavior = new ValidationBehavior<PingCommand, string>([new PingCommandValidator()]);

        // Act
        await Assert.ThrowsAsync<ValidationException>(
            async () => await behavior.Handle(new PingCommand(""), Next, CancellationToken.None));

        // Assert
        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public async Task Handle_WhenSeveralValidatorsFail_ThrowsWithFailuresOfAll()
    {
        // Arrange
        var behavior = new ValidationBehavior<PingCommand, string>(
            [new PingCommandValidator(), new ShortPingCommandValidator()]);

        // Act
        var exception = await Assert.ThrowsAsync<ValidationException>(
            async () => await behavior.Handle(new PingCommand(""), Next, CancellationToken.None));

        // Assert
        Assert.That(exception?.Errors.Select(e => e.ErrorMessage), Is.EquivalentTo(new[]
        {
            "name is required",
            "name must be short",
        }));
        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public async Task Handle_WhenOnlyOneOfSeveralValidatorsFails_Throws()
    {
        // Arrange
        var behavior = new ValidationBehavior<PingCommand, string>(
            [new PingCommandValidator(), new ShortPingCommandValidator()]);

        // Act
        var exception = await Assert.ThrowsAsync<ValidationException>(
            async () => await behavior.Handle(new PingCommand("world"), Next, CancellationToken.None));

        // Assert
        Assert.That(exception?.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "name must be short" }));
        Assert.That(_nextCalls, Is.Zero);
    }

    private ValueTask<string> Next(PingCommand message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult($"pong {message.Name}");
    }

    private sealed record PingCommand(string Name) : ICommand<string>;

    private sealed class PingCommandValidator : AbstractValidator<PingCommand>
    {
        public PingCommandValidator() =>
            RuleFor(c => c.Name).NotEmpty().WithMessage("name is required").OverridePropertyName("name");
    }

    /// <summary>Fails for everything but a one-letter name, so it can fail beside or alone.</summary>
    private sealed class ShortPingCommandValidator : AbstractValidator<PingCommand>
    {
        public ShortPingCommandValidator() =>
            RuleFor(c => c.Name).Length(1).WithMessage("name must be short").OverridePropertyName("name");
    }
}
