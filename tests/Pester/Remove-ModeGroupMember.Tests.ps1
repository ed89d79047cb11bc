BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 300
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Users = @(Get-ModeUser)
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Remove-ModeGroupMember' {
    BeforeEach {
        Get-ModeGroup -DisplayName 'Remove *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        $script:group = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Remove Team' -MemberIds $script:Users[0..199].Id
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'removes piped members in batched PATCHes, leaving the others' {
        $script:Users[0..149] | Remove-ModeGroupMember -Group 'Remove Team' -BatchSize 100 -Confirm:$false

        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id) | Should -Be $script:Users[150..199].Id
        (Get-ModeScimEmulatorStats $script:Emulator).PATCH | Should -Be 2
    }

    It 'removes members given by userName as a parameter' {
        Remove-ModeGroupMember -Group 'Remove Team' -Member $script:Users[0].UserName, $script:Users[1].UserName -Confirm:$false
        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id).Count | Should -Be 198
    }

    It 'sends nothing for users who are not members' {
        Remove-ModeGroupMember -Group 'Remove Team' -Member $script:Users[250].UserName -Confirm:$false
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'sends no PATCH with -WhatIf' {
        Remove-ModeGroupMember -Group 'Remove Team' -Member $script:Users[0].UserName -WhatIf
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }
}
