/* docx.h - printable documents as .docx (service docx_send, issue 16) */
#ifndef PORTAL_DOCX_H
#define PORTAL_DOCX_H

#include "portal_module.h"

int docx_svc_send(portal_req *r, const char *filename, int landscape,
                  const struct portal_doc_part *parts);

#endif
