using FastApiLearning.Application.Auth;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

public interface ITokenIssuer
{
    /// <param name="scopes">The scope names granted to this token (maybe none): its <c>scope</c> claim.</param>
    AccessToken Issue(Employee employee, IReadOnlyList<string> scopes);
}
