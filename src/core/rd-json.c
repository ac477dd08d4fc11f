/* rd-json.c — being written */
