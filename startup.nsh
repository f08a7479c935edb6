@echo -off
# Started by the UEFI shell: find the volume that holds the app and run it.
# On real PCs fs0: is often the internal disk, so every mapping is tried.
if exist fs0:\EFI\ring3\ring3.efi then
  fs0:
  goto FOUND
endif
if exist fs1:\EFI\ring3\ring3.efi then
  fs1:
  goto FOUND
endif
if exist fs2:\EFI\ring3\ring3.efi then
  fs2:
  goto FOUND
endif
if exist fs3:\EFI\ring3\ring3.efi then
  fs3:
  goto FOUND
endif
if exist fs4:\EFI\ring3\ring3.efi then
  fs4:
  goto FOUND
endif
if exist fs5:\EFI\ring3\ring3.efi then
  fs5:
  goto FOUND
endif
if exist fs6:\EFI\ring3\ring3.efi then
  fs6:
  goto FOUND
endif
if exist fs7:\EFI\ring3\ring3.efi then
  fs7:
  goto FOUND
endif
if exist fs8:\EFI\ring3\ring3.efi then
  fs8:
  goto FOUND
endif
if exist fs9:\EFI\ring3\ring3.efi then
  fs9:
  goto FOUND
endif
echo "ring3: \EFI\ring3\ring3.efi not found on fs0: to fs9:"
goto END
:FOUND
cd \EFI\ring3
ring3.efi
echo "ring3: returned to the shell, status %lasterror%"
:END
