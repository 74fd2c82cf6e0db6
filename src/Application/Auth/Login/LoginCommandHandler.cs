using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Auth.Login;

public sealed class LoginCommandHandler(
    IEmployeeStore employees,
    IPasswordHasher passwordHasher,
    ITokenIssuer tokenIssuer) : ICommandHandler<LoginCommand, LoginResult>
{
    public async ValueTask<LoginResult> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var employee = await employees.FindByEmailAsync(Employee.NormalizeEmail(command.Username), cancellationToken);

        // An unknown user still pays for a full verification, so timing does not tell
        // a wrong password from a missing account.
        var check = await passwordHasher.VerifyAsync(
            command.Password, employee?.PasswordHash ?? passwordHasher.DummyHash, cancellationToken);

        if (employee is null || check == PasswordCheck.Failed)
        {
            return LoginResult.InvalidCredentials;
        }

        return new LoginResult.Succeeded(tokenIssuer.Issue(employee));
    }
}
