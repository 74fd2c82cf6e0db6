using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

public interface ITokenIssuer
{
    /// <param name="scopes">The scope names granted to this token (maybe none): its <c>scope</c> claim.</param>
    /// <param name="session">The session it belongs to (its <c>sid</c> and <c>client_id</c>), when issued within one.</param>
    AccessToken Issue(Employee employee, IReadOnlyList<string> scopes, AccessTokenSession? session = null);
}
