using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.WrapLegacyHashes;

public sealed class WrapLegacyHashesCommandHandler(
    IEmployeeStore employees,
    IPasswordHasher passwordHasher,
    ILoggerFactory loggerFactory) : ICommandHandler<WrapLegacyHashesCommand, WrapLegacyHashesResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<WrapLegacyHashesResult> Handle(WrapLegacyHashesCommand command, CancellationToken cancellationToken)
    {
        var (examined, wrapped, skipped) = (0, 0, 0);
        var after = int.MinValue;
        while (await employees.ListAsync(after, command.BatchSize, cancellationToken) is { Count: > 0 } page)
        {
            foreach (var employee in page)
            {
                examined++;
                if (await passwordHasher.WrapLegacyAsync(employee.PasswordHash, cancellationToken) is not { } wrappedHash)
                {
                    continue;
                }

                // Only over the hash that was wrapped: a login that upgraded it meanwhile keeps its hash.
                if (await employees.ReplacePasswordHashAsync(employee.EmpNo, employee.PasswordHash, wrappedHash, cancellationToken))
                {
                    wrapped++;
                }
                else
                {
                    skipped++;
                }
            }

            after = page[^1].EmpNo;
        }

        SecurityLog.LegacyHashesWrapped(_log, examined, wrapped, skipped);
        return new WrapLegacyHashesResult(examined, wrapped, skipped);
    }
}
