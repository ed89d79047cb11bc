BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 50
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Rename-ModeGroup' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'renames a group by name with one PATCH, keeping its id and members' {
        $before = Get-ModeGroup 'Sales'
        Reset-ModeScimEmulator $script:Emulator

        $after = Rename-ModeGroup 'Sales' 'Sales EMEA' -PassThru

        $after.Id | Should -Be $before.Id
        $after.DisplayName | Should -Be 'Sales EMEA'
        (Get-ModeGroup $before.Id).MemberCount | Should -Be $before.MemberCount
        (Get-ModeScimEmulatorStats $script:Emulator).PATCH | Should -Be 1
    }

    It 'renames a piped group' {
        Get-ModeGroup 'Finance' | Rename-ModeGroup -NewName 'Finance & Controlling'
        (Get-ModeGroup 'Finance & Controlling').DisplayName | Should -Be 'Finance & Controlling'
    }

    It 'refuses several groups for one new name with ModeScim.InvalidInput, not a binding error, changing nothing' {
        $errors = Get-ErrorRecords { Rename-ModeGroup 'Sales', 'Finance' -NewName 'Merged' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.RenameModeGroupCommand'
        $errors[0].Exception.Message | Should -BeLike "*one group*'Sales', 'Finance'*"
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'refuses a name another group has with ModeScim.GroupAlreadyExists' {
        $errors = Get-ErrorRecords { Rename-ModeGroup 'Sales' 'finance' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.GroupAlreadyExists,ModeScim.PowerShell.Commands.RenameModeGroupCommand'
    }

    It 'renames with PUT on a server without PATCH, keeping the members' {
        $noPatch = Start-TestEmulator -Seed 30 -ExtraArguments @('--no-patch')
        try {
            $connection = Connect-TestEmulator -Emulator $noPatch -PassThru
            $before = Get-ModeGroup 'Analytics' -Connection $connection

            Rename-ModeGroup 'Analytics' 'Insights' -Connection $connection

            (Get-ModeGroup 'Insights' -Connection $connection).MemberCount | Should -Be $before.MemberCount
            (Get-ModeScimEmulatorStats $noPatch).PUT | Should -Be 1
        }
        finally {
            Stop-ModeScimEmulator $noPatch
            Connect-TestEmulator -Emulator $script:Emulator
        }
    }

    It 'sends no change with -WhatIf' {
        Rename-ModeGroup 'Sales' 'Nope' -WhatIf
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }
}
