namespace FastApiLearning.Application.Common.Exceptions;

/// <summary>An employee with this (normalised) email exists already.</summary>
public sealed class EmailTakenException(string email, Exception? innerException = null)
    : Exception($"An employee with the email {email} exists already.", innerException)
{
    public string Email { get; } = email;
}
