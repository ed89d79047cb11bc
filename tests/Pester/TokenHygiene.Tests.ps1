# The token must never be printed: not in output, any stream, error records, exception text or a transcript,
# on success or on failure (401, 404, 500, timeout), with -Verbose and -Debug on.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 20
    $script:Token = $script:Emulator.Token
    $script:Transcript = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-transcript-' + [guid]::NewGuid() + '.txt')
    $script:Journal = New-TestJournalPath
    $script:Everything = New-Object System.Collections.Generic.List[string]

    function Invoke-Captured([scriptblock] $Run) {
        try {
            & $Run *>&1 | ForEach-Object {
                $script:Everything.Add(($_ | Out-String))
                if ($_ -is [System.Management.Automation.ErrorRecord]) { $script:Everything.Add($_.FullyQualifiedErrorId + ' ' + $_.Exception.ToString()) }
            }
        }
        catch {
            $script:Everything.Add(($_ | Out-String))
            $script:Everything.Add($_.FullyQualifiedErrorId + ' ' + $_.Exception.ToString())
        }
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Transcript, $script:Journal -ErrorAction SilentlyContinue
}

Describe 'Token hygiene' -Tag 'Slow' {
    It 'never prints the token from any cmdlet, in any stream, error or transcript, on success or failure' {
        $DebugPreference = 'Continue'
        $VerbosePreference = 'Continue'
        $ErrorActionPreference = 'Continue'
        $good = ConvertTo-TestSecureString $script:Token
        Start-Transcript -Path $script:Transcript | Out-Null
        try {
            Invoke-Captured { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token $good -PassThru }
            Invoke-Captured { Get-ModeScimConnection | Format-List * }
            Invoke-Captured { Test-ModeScimConnection }
            Invoke-Captured { Get-ModeUser -First 3 }
            Invoke-Captured { Get-ModeUser -Identity 'ghost@example.com' }
            Invoke-Captured { New-ModeUser -UserName 'hygiene@example.com' -GivenName 'Hy' }
            Invoke-Captured { New-ModeUser -UserName 'hygiene@example.com' }
            Invoke-Captured { Set-ModeUser 'hygiene@example.com' -DisplayName 'Hygiene' -PassThru }
            Invoke-Captured { Disable-ModeUser 'hygiene@example.com' -JournalPath $script:Journal -PassThru }
            Invoke-Captured { Enable-ModeUser 'hygiene@example.com' -RestoreGroups -JournalPath $script:Journal -PassThru }
            Invoke-Captured { Get-ModeScimJournal -Path $script:Journal }
            Invoke-Captured { Get-ModeGroup }
            Invoke-Captured { New-ModeGroup 'Hygiene' -Member 'hygiene@example.com' }
            Invoke-Captured { Get-ModeGroupMember 'Hygiene' }
            Invoke-Captured { Add-ModeGroupMember -Group 'Hygiene' -Member 'ghost@example.com' }
            Invoke-Captured { Remove-ModeGroupMember -Group 'Hygiene' -Member 'hygiene@example.com' -Confirm:$false }
            Invoke-Captured { Sync-ModeGroup -Group 'Hygiene' -Member 'hygiene@example.com' }
            Invoke-Captured { Rename-ModeGroup 'Hygiene' 'Hygiene 2' }
            Invoke-Captured { Remove-ModeGroup 'Hygiene 2' -Confirm:$false }
            Invoke-Captured { Get-ModeUser | Select-Object -First 5 | Sync-ModeUser -WhatIf }
            Invoke-Captured { Get-ModeAccessReport -Summary }
            Invoke-Captured { Remove-ModeUser 'hygiene@example.com' -JournalPath $script:Journal -Confirm:$false }

            # 500 on every read, with retries.
            $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings @{ rate5xx = 1.0 }
            Invoke-Captured { Get-ModeUser -Identity 'ghost@example.com' }
            $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings @{ rate5xx = 0 }

            # A timeout.
            $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings @{ rateSlow = 1.0; slowMs = 3000 }
            Invoke-Captured { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token $good -TimeoutSec 1 -MaxRetries 0 }
            $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings @{ rateSlow = 0 }

            # 401 at connect, and 401 on a later call.
            Invoke-Captured { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString ($script:Token + 'x')) }
            Invoke-Captured { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString ($script:Token + 'x')) -SkipDiscovery; Get-ModeUser -Identity 'a@example.com' }
            Invoke-Captured { Disconnect-ModeScim }
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $script:Everything.Add((Get-Content -LiteralPath $script:Transcript -Raw))
        $script:Everything.Add((($Error | ForEach-Object { $_.Exception.ToString() }) -join "`n"))
        $text = $script:Everything -join "`n"

        $text | Should -Not -BeLike "*$($script:Token)*"
        # The capture really saw the requests, the failures and the debug bodies:
        $text | Should -BeLike '*GET Users*'
        $text | Should -BeLike '*ModeScim.Unauthorized*'
        $text | Should -BeLike '*ModeScim.ServerError*'
        $text | Should -BeLike '*ModeScim.Timeout*'
        $text | Should -BeLike '*Response body:*'
    }
}
