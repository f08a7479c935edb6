/* Note the GOP framebuffer before ExitBootServices (nothing is drawn here). */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"

void gop_note(struct handoff_fb *fb)
{
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = NULL;
	*fb = (struct handoff_fb){ .format = FB_FORMAT_NONE };
	if (EFI_ERROR(LibLocateProtocol(&GraphicsOutputProtocol, (void **)&gop)) || !gop ||
	    !gop->Mode || !gop->Mode->Info)
		return;
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info = gop->Mode->Info;
	switch (info->PixelFormat) {
	case PixelRedGreenBlueReserved8BitPerColor: fb->format = FB_FORMAT_RGBX; break;
	case PixelBlueGreenRedReserved8BitPerColor: fb->format = FB_FORMAT_BGRX; break;
	case PixelBitMask: fb->format = FB_FORMAT_MASK; break;
	default: return; /* PixelBltOnly: no framebuffer to write after EBS */
	}
	fb->base = gop->Mode->FrameBufferBase;
	fb->size = gop->Mode->FrameBufferSize;
	fb->width = info->HorizontalResolution;
	fb->height = info->VerticalResolution;
	fb->stride = info->PixelsPerScanLine;
}
