namespace FastApiLearning.Application.Common.Ports;

public enum PasswordCheck
{
    Failed,
    Succeeded,

    /// <summary>The password matched a hash that is weaker than the current parameters.</summary>
    SucceededNeedsUpgrade,

    /// <summary>
    /// The password matched a legacy bcrypt hash, but bcrypt reads only the first 72 bytes and this
    /// password has at least that many: every password with the same first 72 bytes matches too. The
    /// login stands (bcrypt's own rule), but the hash is kept, since rehashing this password could
    /// replace the owner's with an impostor's.
    /// </summary>
    SucceededLegacyHashKept,
}
